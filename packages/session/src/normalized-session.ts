import { z } from "zod";
import { idpIds } from "./idps.ts";

/** The session shape every app returns from `/api/me`, whatever its IdP or client library. */
export const normalizedSessionSchema = z.strictObject({
  idp: z.enum(idpIds),
  user: z.strictObject({
    id: z.string().min(1),
    name: z.string().min(1),
    email: z.string(),
  }),
  expiresAt: z.iso.datetime({ offset: true }),
});

export type NormalizedSession = z.infer<typeof normalizedSessionSchema>;
export type NormalizedUser = NormalizedSession["user"];

/** The standard OIDC claims a normalized user is built from. Other claims are ignored. */
export interface IdentityClaims {
  sub?: unknown;
  name?: unknown;
  given_name?: unknown;
  family_name?: unknown;
  preferred_username?: unknown;
  username?: unknown;
  email?: unknown;
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** Builds the normalized user from OIDC-style claims; `sub` is required, the name falls back sensibly. */
export function normalizeUser(claims: IdentityClaims): NormalizedUser {
  const id = typeof claims.sub === "number" ? String(claims.sub) : text(claims.sub);
  if (!id) throw new Error("Cannot normalize a session without a subject (sub) claim.");
  const email = text(claims.email);
  const fullName = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ");
  const name =
    text(claims.name) ||
    fullName ||
    text(claims.preferred_username) ||
    text(claims.username) ||
    email ||
    id;
  return { id, name, email };
}

/** Builds the normalized session; `expiresAt` may be a Date, an ISO string or epoch seconds. */
export function normalizeSession(input: {
  idp: NormalizedSession["idp"];
  claims: IdentityClaims;
  expiresAt: Date | string | number;
}): NormalizedSession {
  const expires =
    typeof input.expiresAt === "number"
      ? new Date(input.expiresAt * 1000)
      : new Date(input.expiresAt);
  if (Number.isNaN(expires.getTime()))
    throw new Error("Cannot normalize a session without a valid expiry.");
  return normalizedSessionSchema.parse({
    idp: input.idp,
    user: normalizeUser(input.claims),
    expiresAt: expires.toISOString(),
  });
}
