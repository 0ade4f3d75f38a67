// What an IdP would have sent; the page and /api/me normalize it with @idp-gallery/session.
export const idpName = "Round Trip IdP";
export const appOrigin = "http://localhost:3000";
export const expiresAt = "2030-01-01T00:00:00.000Z";
export const claims = {
  sub: "round-trip-1",
  given_name: "Ada",
  family_name: "Lovelace",
  email: "ada@example.com",
  exp: 1893456000,
};
