import { type NextFetchEvent, NextRequest } from "next/server";
import type { NextAuthResult } from "next-auth";
import { describe, expect, it, vi } from "vitest";
import { defaultPaths, resolveSettings } from "./auth-settings.ts";
import { createGalleryProxy, isPublicPath } from "./gallery-proxy.ts";

const appUrl = "http://localhost:3001";
const settings = resolveSettings({
  idp: "wso2",
  idpName: "WSO2",
  provider: { id: "wso2", name: "WSO2", type: "oidc" },
  appUrl,
  secret: "a-test-secret-of-at-least-thirty-two-characters",
});
const event = { waitUntil() {} } as unknown as NextFetchEvent;
const request = (path: string) => new NextRequest(new URL(path, appUrl));

describe("isPublicPath", () => {
  it.each([
    "/",
    "/api/me",
    "/api/health",
    "/api/auth/callback/wso2",
    "/auth/sign-in",
    "/auth/error",
    "/_next/static/chunk.js",
    "/favicon.ico",
  ])("lets %s through without a session", (path) => {
    expect(isPublicPath(path, defaultPaths)).toBe(true);
  });

  it.each(["/protected", "/api/me/extra", "/api/authx", "/auth", "/register"])(
    "gates %s",
    (path) => {
      expect(isPublicPath(path, defaultPaths)).toBe(false);
    },
  );

  it("lets the app's own prefixes through, by prefix", () => {
    expect(isPublicPath("/register/start", defaultPaths, ["/register"])).toBe(true);
    expect(isPublicPath("/sso/accept/", defaultPaths, ["/sso/"])).toBe(true);
    expect(isPublicPath("/sso", defaultPaths, ["/sso/"])).toBe(false);
  });

  it("matches the app's prefixes by whole path segment", () => {
    const bi = ["/register", "/bind", "/bi-authenticate"];
    expect(isPublicPath("/bind", defaultPaths, bi)).toBe(true);
    expect(isPublicPath("/bind/abc", defaultPaths, bi)).toBe(true);
    expect(isPublicPath("/bindings", defaultPaths, bi)).toBe(false);
    expect(isPublicPath("/registered/secret", defaultPaths, bi)).toBe(false);
    expect(isPublicPath("/bi-authenticated", defaultPaths, bi)).toBe(false);
  });

  it("follows a moved home page", () => {
    expect(isPublicPath("/welcome", { ...defaultPaths, home: "/welcome" })).toBe(true);
    expect(isPublicPath("/", { ...defaultPaths, home: "/welcome" })).toBe(false);
  });
});

describe("createGalleryProxy", () => {
  /** Auth.js's `auth(handler)` stand-in: records which requests reached the gate. */
  const proxyWith = (isCurrent?: (cookie: string) => Promise<boolean>) => {
    const gated: string[] = [];
    const auth = (() => (gatedRequest: NextRequest) => {
      gated.push(gatedRequest.nextUrl.pathname);
      return new Response("gated");
    }) as unknown as NextAuthResult["auth"];
    return { gated, proxy: createGalleryProxy(settings, { nextAuth: { auth }, isCurrent }) };
  };

  it("answers the error page with the error's 4xx status", async () => {
    const { proxy, gated } = proxyWith();
    const response = await proxy(request("/auth/error?error=AccessDenied"), event);
    expect(response?.status).toBe(403);
    expect(response?.headers.get("x-middleware-rewrite")).toBe(
      `${appUrl}/auth/error?error=AccessDenied`,
    );
    expect((await proxy(request("/auth/error?error=Configuration"), event))?.status).toBe(400);
    expect(gated).toEqual([]);
  });

  it("sends private paths through Auth.js and public ones past it", async () => {
    const { proxy, gated } = proxyWith();
    expect(await proxy(request("/protected"), event)).toBeInstanceOf(Response);
    expect(await proxy(request("/api/me"), event)).toBeUndefined();
    expect(gated).toEqual(["/protected"]);
  });

  it("checks a session on a public path only when the app revokes sessions", async () => {
    const isCurrent = vi.fn(async () => true);
    const { proxy } = proxyWith(isCurrent);
    const withSession = new NextRequest(new URL("/api/me", appUrl), {
      headers: { cookie: `${settings.sessionCookie}=v` },
    });
    expect(await proxy(withSession, event)).toBeUndefined();
    expect(isCurrent).toHaveBeenCalledWith(`${settings.sessionCookie}=v`);
  });
});
