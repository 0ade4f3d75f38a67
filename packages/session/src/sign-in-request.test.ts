import { decode, encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { readCookie, signInRequestCookie } from "./sign-in-request.ts";

// Counts decryptions, so a test can say the cookie is decrypted once per value.
vi.mock("next-auth/jwt", async (importOriginal) => {
  const original = await importOriginal<typeof import("next-auth/jwt")>();
  return { ...original, decode: vi.fn(original.decode) };
});

const secret = "a-test-secret-of-at-least-thirty-two-characters";
const header = (name: string, value: string) => `other=1; ${name}=${value}; last=2`;

describe("sign-in request cookie", () => {
  it("is named per app and port, HttpOnly, Lax, and __Host- prefixed over https", () => {
    const http = signInRequestCookie("idpg-django-sso-3005", false, secret);
    expect(http.name).toBe("idpg-django-sso-3005.sign-in-request");
    expect(http.options).toEqual({
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: false,
      maxAge: 600,
    });
    const https = signInRequestCookie("idpg-django-sso", true, secret);
    expect(https.name).toBe("__Host-idpg-django-sso.sign-in-request");
    expect(https.options.secure).toBe(true);
  });

  it("round-trips the request, encrypted so the browser cannot read or change it", async () => {
    const cookie = signInRequestCookie("idpg-django-sso-3005", false, secret);
    const sealed = await cookie.seal({ state: "request-token-1", redirectTo: "/protected" });
    expect(sealed).not.toContain("request-token-1");
    expect(await cookie.read(header(cookie.name, sealed))).toEqual({
      state: "request-token-1",
      redirectTo: "/protected",
    });
  });

  it("refuses a missing, tampered, foreign or expired cookie", async () => {
    const cookie = signInRequestCookie("idpg-django-sso-3005", false, secret);
    const sealed = await cookie.seal({ state: "t", redirectTo: "/" });
    expect(await cookie.read(null)).toBeNull();
    expect(await cookie.read(header(cookie.name, `${sealed.slice(0, -4)}AAAA`))).toBeNull();
    // Another app's cookie (another salt) or another secret does not decrypt.
    const other = signInRequestCookie("idpg-django-sso-4005", false, secret);
    expect(
      await cookie.read(header(cookie.name, await other.seal({ state: "t", redirectTo: "/" }))),
    ).toBeNull();
    const otherSecret = signInRequestCookie("idpg-django-sso-3005", false, `${secret}-x`);
    expect(await otherSecret.read(header(cookie.name, sealed))).toBeNull();
    const expired = await encode({
      token: { state: "t", redirectTo: "/" },
      secret,
      salt: cookie.name,
      maxAge: -60,
    });
    expect(await cookie.read(header(cookie.name, expired))).toBeNull();
  });

  it("decrypts a cookie once, however often it is read (the return route, then authorize())", async () => {
    const cookie = signInRequestCookie("idpg-django-sso-3005", false, secret);
    const sealed = await cookie.seal({ state: "request-token-2", redirectTo: "/protected" });
    vi.mocked(decode).mockClear();
    for (let i = 0; i < 3; i++)
      expect(await cookie.read(header(cookie.name, sealed))).toEqual({
        state: "request-token-2",
        redirectTo: "/protected",
      });
    expect(decode).toHaveBeenCalledTimes(1);
    // A broken cookie is refused every time, and never remembered.
    const broken = `${sealed.slice(0, -4)}AAAA`;
    expect(await cookie.read(header(cookie.name, broken))).toBeNull();
    expect(await cookie.read(header(cookie.name, broken))).toBeNull();
    expect(decode).toHaveBeenCalledTimes(3);
  });

  it("reads one cookie out of a Cookie header", () => {
    expect(readCookie("a=1; b=2=3;c=4", "b")).toBe("2=3");
    expect(readCookie("a=1", "b")).toBeUndefined();
    expect(readCookie(null, "a")).toBeUndefined();
  });
});
