import { describe, expect, it } from "vitest";
import { normalizedSessionSchema, normalizeSession, normalizeUser } from "./normalized-session.ts";

describe("normalizeUser", () => {
  it("takes sub, name and email from standard claims", () => {
    expect(normalizeUser({ sub: "1", name: "Alice Liddell", email: "alice@example.com" })).toEqual({
      id: "1",
      name: "Alice Liddell",
      email: "alice@example.com",
    });
  });

  it("falls back to given and family name, then username, then email, then the subject", () => {
    expect(normalizeUser({ sub: "1", given_name: "Alice", family_name: "Liddell" }).name).toBe(
      "Alice Liddell",
    );
    expect(normalizeUser({ sub: "1", preferred_username: "alice" }).name).toBe("alice");
    expect(normalizeUser({ sub: "1", email: "a@example.com" }).name).toBe("a@example.com");
    expect(normalizeUser({ sub: "u-1" })).toEqual({ id: "u-1", name: "u-1", email: "" });
  });

  it("accepts numeric subjects and ignores non-string claims", () => {
    expect(normalizeUser({ sub: 7, name: { first: "x" }, email: 3 })).toEqual({
      id: "7",
      name: "7",
      email: "",
    });
  });

  it("refuses claims without a subject", () => {
    expect(() => normalizeUser({ name: "Nobody" })).toThrow(/subject/);
    expect(() => normalizeUser({ sub: "  " })).toThrow(/subject/);
  });
});

describe("normalizeSession", () => {
  const claims = { sub: "1", name: "Alice Liddell", email: "alice@example.com", at_hash: "x" };

  it("produces exactly the contract's shape", () => {
    const session = normalizeSession({
      idp: "django-oidc",
      claims,
      expiresAt: "2030-01-01T00:00:00Z",
    });
    expect(session).toEqual({
      idp: "django-oidc",
      user: { id: "1", name: "Alice Liddell", email: "alice@example.com" },
      expiresAt: "2030-01-01T00:00:00.000Z",
    });
    expect(normalizedSessionSchema.parse(session)).toEqual(session);
  });

  it("accepts epoch seconds and dates", () => {
    expect(normalizeSession({ idp: "logto", claims, expiresAt: 1_893_456_000 }).expiresAt).toBe(
      "2030-01-01T00:00:00.000Z",
    );
    expect(normalizeSession({ idp: "wso2", claims, expiresAt: new Date(0) }).expiresAt).toBe(
      "1970-01-01T00:00:00.000Z",
    );
  });

  it("refuses an unknown IdP or an invalid expiry", () => {
    expect(() => normalizeSession({ idp: "okta" as never, claims, expiresAt: 0 })).toThrow();
    expect(() => normalizeSession({ idp: "wso2", claims, expiresAt: "soon" })).toThrow(/expiry/);
  });

  it("the schema rejects extra fields such as tokens", () => {
    const session = normalizeSession({ idp: "wso2", claims, expiresAt: 0 });
    expect(() => normalizedSessionSchema.parse({ ...session, accessToken: "x" })).toThrow();
  });
});
