import { describe, expect, it } from "vitest";
import { sessionFromIdToken } from "./id-token-session.ts";

const now = Date.parse("2026-01-01T00:00:00Z");
const claims = { sub: "abc", name: "Alice Liddell", email: "alice@example.com" };

describe("sessionFromIdToken", () => {
  it("normalizes a live ID token, expiring when it does", () => {
    const exp = now / 1000 + 60;
    expect(sessionFromIdToken({ idp: "logto", claims: { ...claims, exp }, now })).toEqual({
      idp: "logto",
      user: { id: "abc", name: "Alice Liddell", email: "alice@example.com" },
      expiresAt: "2026-01-01T00:01:00.000Z",
    });
  });

  it("treats an expired ID token as signed out", () => {
    const exp = now / 1000 - 1;
    expect(sessionFromIdToken({ idp: "logto", claims: { ...claims, exp }, now })).toBeNull();
  });

  it("treats missing claims, a missing exp or a missing subject as signed out", () => {
    expect(sessionFromIdToken({ idp: "logto", claims: undefined, now })).toBeNull();
    expect(sessionFromIdToken({ idp: "logto", claims, now })).toBeNull();
    const exp = now / 1000 + 60;
    expect(sessionFromIdToken({ idp: "logto", claims: { name: "x", exp }, now })).toBeNull();
  });
});
