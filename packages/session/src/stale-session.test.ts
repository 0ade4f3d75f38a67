import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type NextFetchEvent, type NextProxy, NextRequest } from "next/server";
import * as jwt from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createGalleryAuth, type GalleryAuth } from "./authjs.ts";
import { cookieName } from "./cookies.ts";
import { createStaleSessionCheck, sessionCookieNames } from "./stale-session.ts";

// Counts every Auth.js JWT operation, so the tests can say what the proxy did not do.
vi.mock("next-auth/jwt", async (importOriginal) => {
  const original = await importOriginal<typeof import("next-auth/jwt")>();
  return { ...original, decode: vi.fn(original.decode), encode: vi.fn(original.encode) };
});

const secret = "a-test-secret-of-at-least-thirty-two-characters";
const appUrl = "http://localhost:3005";
const sessionCookie = cookieName("idpg-django-sso-3005", "sessionToken", false);

const request = (path: string, cookies: Record<string, string> = {}) =>
  new NextRequest(new URL(path, appUrl), {
    headers: {
      cookie: Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join("; "),
    },
  });

/** Set-Cookie lines of a proxy response, as `name=value; attributes`. */
const setCookies = (response: Awaited<ReturnType<NextProxy>>) =>
  response ? response.headers.getSetCookie() : [];

describe("createStaleSessionCheck", () => {
  const check = (current: boolean, seen: string[] = []) =>
    createStaleSessionCheck({
      cookieName: "app.session-token",
      secure: true,
      isCurrent: async (cookie) => {
        seen.push(cookie);
        return current;
      },
    });

  it("finds the session cookie and its chunks, as Auth.js does", () => {
    const names = sessionCookieNames(
      request("/", { "app.session-token.0": "a", "app.session-token.1": "b", other: "c" }),
      "app.session-token",
    );
    expect(names).toEqual(["app.session-token.0", "app.session-token.1"]);
  });

  it("lets a request without a session through without asking", async () => {
    const seen: string[] = [];
    expect(await check(false, seen)(request("/api/me", { other: "1" }))).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it("lets a current session through untouched", async () => {
    const seen: string[] = [];
    const cookies = { "app.session-token": "v", other: "1" };
    expect(await check(true, seen)(request("/api/me", cookies))).toBeUndefined();
    expect(seen).toEqual(["app.session-token=v; other=1"]);
  });

  it("forgets a stale session in this request and in the browser, every chunk of it", async () => {
    const response = await check(false)(
      request("/api/me", { "app.session-token.0": "a", "app.session-token.1": "b", other: "1" }),
    );
    expect(setCookies(response)).toEqual([
      "app.session-token.0=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=lax",
      "app.session-token.1=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=lax",
    ]);
    // What the route then sees: the other cookies, no session.
    expect(response?.headers.get("x-middleware-request-cookie")).toBe("other=1");
    expect(response?.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("createGalleryAuth's proxy with a revocation store", () => {
  let dataDir: string;
  let auth: GalleryAuth;
  const event = { waitUntil() {} } as unknown as NextFetchEvent;
  const decode = vi.mocked(jwt.decode);
  const encode = vi.mocked(jwt.encode);
  const sessionDecodes = () =>
    decode.mock.calls.filter(([params]) => params.salt === sessionCookie).length;

  const session = (subject: string, maxAge = 3600, signedInAt = Date.now() - 1000) =>
    jwt.encode({
      token: {
        sub: "7",
        claims: { sub: "7", name: "Alice", email: "alice@example.com" },
        tokens: { subject },
        signedInAt,
      },
      secret,
      salt: sessionCookie,
      maxAge,
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "stale-session-"));
    auth = createGalleryAuth({
      idp: "django-sso",
      idpName: "Django SSO",
      provider: Credentials({ id: "django-sso", name: "Django SSO", authorize: async () => null }),
      signInStart: async () => ({ location: "http://localhost:8200/login/", state: "s" }),
      appUrl,
      secret,
      revocation: { dataDir, redisUrl: "" },
      publicPaths: ["/sso/"],
    });
  });

  afterAll(async () => {
    await auth.revocations?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    decode.mockClear();
    encode.mockClear();
  });

  it("passes a current session on a public path: one decryption per cookie, no Auth.js, no cookie set", async () => {
    const value = await session("alice-1");
    encode.mockClear();
    for (const path of ["/api/me", "/api/health", "/", "/api/me"]) {
      const response = await auth.proxy(request(path, { [sessionCookie]: value }), event);
      expect(response).toBeUndefined();
    }
    expect(sessionDecodes()).toBe(1);
    expect(encode).not.toHaveBeenCalled();
  });

  it("refuses a revoked session on its next request and clears it without re-encrypting", async () => {
    const value = await session("alice-2");
    encode.mockClear();
    expect(await auth.proxy(request("/api/me", { [sessionCookie]: value }), event)).toBeUndefined();
    await auth.revocations?.revoke("alice-2");
    const response = await auth.proxy(request("/api/me", { [sessionCookie]: value }), event);
    expect(setCookies(response)).toEqual([
      `${sessionCookie}=; Path=/; Max-Age=0; HttpOnly; SameSite=lax`,
    ]);
    expect(response?.headers.get("x-middleware-request-cookie")).toBe("");
    // Still refused on the next request: the verdict is never cached, only the decryption.
    const again = await auth.proxy(request("/", { [sessionCookie]: value }), event);
    expect(setCookies(again)).toHaveLength(1);
    expect(sessionDecodes()).toBe(1);
    expect(encode).not.toHaveBeenCalled();
  });

  it("keeps a session that started after the revocation", async () => {
    await auth.revocations?.revoke("alice-3");
    const value = await session("alice-3", 3600, Date.now() + 5);
    expect(await auth.proxy(request("/api/me", { [sessionCookie]: value }), event)).toBeUndefined();
  });

  it("clears an expired or forged session cookie", async () => {
    const expired = await session("alice-4", -60);
    for (const value of [expired, "not-a-jwe", `${(await session("alice-4")).slice(0, -4)}AAAA`]) {
      const response = await auth.proxy(request("/api/me", { [sessionCookie]: value }), event);
      expect(setCookies(response)).toEqual([
        `${sessionCookie}=; Path=/; Max-Age=0; HttpOnly; SameSite=lax`,
      ]);
    }
  });

  it("keeps the session when the store cannot answer (a store outage signs nobody out)", async () => {
    const value = await session("alice-5");
    const store = auth.revocations;
    if (!store) throw new Error("no store");
    const spy = vi.spyOn(store, "revokedAt").mockRejectedValueOnce(new Error("store down"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(
        await auth.proxy(request("/api/me", { [sessionCookie]: value }), event),
      ).toBeUndefined();
      expect(errors).toHaveBeenCalledOnce();
    } finally {
      spy.mockRestore();
      errors.mockRestore();
    }
  });

  it("still sends a revoked session on a private path to sign-in, clearing it (Auth.js)", async () => {
    const value = await session("alice-6");
    await auth.revocations?.revoke("alice-6");
    const response = await auth.proxy(request("/protected", { [sessionCookie]: value }), event);
    expect(response?.status).toBe(302);
    expect(response?.headers.get("location")).toBe(
      `${appUrl}/auth/sign-in?callbackUrl=%2Fprotected`,
    );
    expect(setCookies(response).some((line) => line.startsWith(`${sessionCookie}=;`))).toBe(true);
  });

  it("lets a current session on a private path through Auth.js, which rolls its expiry", async () => {
    const value = await session("alice-7");
    const response = await auth.proxy(request("/protected", { [sessionCookie]: value }), event);
    expect(response?.status).toBe(200);
    const renewed = setCookies(response).find((line) => line.startsWith(`${sessionCookie}=`));
    expect(renewed).toBeDefined();
    expect(renewed).not.toContain(`${sessionCookie}=;`);
  });
});
