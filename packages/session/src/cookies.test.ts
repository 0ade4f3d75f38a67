import { describe, expect, it } from "vitest";
import { authCookieKinds, authCookies, cookieName, cookieNamespace } from "./cookies.ts";

describe("authCookies", () => {
  it("names every Auth.js cookie inside the app's namespace", () => {
    const cookies = authCookies("idpg-django-oidc-3003", false);
    expect(Object.keys(cookies).sort()).toEqual([...authCookieKinds].sort());
    for (const { name } of Object.values(cookies))
      expect(name.startsWith("idpg-django-oidc-3003.")).toBe(true);
    expect(cookies.sessionToken.name).toBe("idpg-django-oidc-3003.session-token");
    expect(cookies.pkceCodeVerifier.name).toBe("idpg-django-oidc-3003.pkce.code_verifier");
  });

  it("gives two apps no cookie name in common", () => {
    const a = Object.values(authCookies("idpg-wso2-3001", false)).map((c) => c.name);
    const b = Object.values(authCookies("idpg-logto-3004", false)).map((c) => c.name);
    expect(a.filter((name) => b.includes(name))).toEqual([]);
  });

  it("makes every cookie HttpOnly and SameSite=Lax; flow cookies expire", () => {
    for (const [kind, { options }] of Object.entries(authCookies("app", false))) {
      expect(options.httpOnly).toBe(true);
      expect(options.sameSite).toBe("lax");
      expect(options.path).toBe("/");
      expect(options.secure).toBe(false);
      if (["state", "nonce", "pkceCodeVerifier"].includes(kind)) expect(options.maxAge).toBe(900);
    }
  });

  it("uses __Secure- names (and __Host- for CSRF) with Secure over https", () => {
    const cookies = authCookies("app", true);
    expect(cookies.sessionToken.name).toBe("__Secure-app.session-token");
    expect(cookies.csrfToken.name).toBe("__Host-app.csrf-token");
    for (const { options } of Object.values(cookies)) expect(options.secure).toBe(true);
  });

  it("refuses app ids that would break cookie names", () => {
    expect(() => cookieName("My App", "state", false)).toThrow(/Invalid app id/);
    expect(() => cookieName("a;b", "state", false)).toThrow(/Invalid app id/);
  });
});

describe("cookieNamespace", () => {
  it("puts the port in the name, since cookies ignore ports", () => {
    expect(cookieNamespace("django-oidc", "http://localhost:4003")).toBe("idpg-django-oidc-4003");
    expect(cookieNamespace("django-oidc", "http://localhost:4103")).toBe("idpg-django-oidc-4103");
    expect(cookieNamespace("wso2", "https://gallery.example.com")).toBe("idpg-wso2");
  });
});
