import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type NextFetchEvent, type NextProxy, NextRequest } from "next/server";
import * as jwt from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createGalleryAuth, type GalleryAuth } from "./authjs.ts";
import { cookieName } from "./cookies.ts";
import { createServerSessions } from "./server-sessions.ts";
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

describe("createGalleryAuth's proxy with its session store and a revocation store", () => {
  let dataDir: string;
  let auth: GalleryAuth;
  const event = { waitUntil() {} } as unknown as NextFetchEvent;
  const decode = vi.mocked(jwt.decode);
  const encode = vi.mocked(jwt.encode);
  const sessionDecodes = () =>
    decode.mock.calls.filter(([params]) => params.salt === sessionCookie).length;

  /** A session cookie as a sign-in writes it: a record in the store, its id in the cookie. */
  const session = async (subject: string, maxAge = 3600, signedInAt = Date.now() - 1000) => {
    const sid = await createServerSessions(auth.store, auth.lifetime).begin({
      claims: { sub: "7", name: "Alice", email: "alice@example.com" },
      tokens: { subject },
      signedInAt,
    });
    const user = { id: "7", name: "Alice", email: "alice@example.com" };
    const value = await jwt.encode({
      token: { sub: "7", sid, signedInAt, user },
      secret,
      salt: sessionCookie,
      maxAge,
    });
    return { sid, value };
  };
  const cleared = `${sessionCookie}=; Path=/; Max-Age=0; HttpOnly; SameSite=lax`;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "stale-session-"));
    auth = createGalleryAuth({
      idp: "django-sso",
      idpName: "Django SSO",
      provider: Credentials({ id: "django-sso", name: "Django SSO", authorize: async () => null }),
      signInStart: async () => ({ location: "http://localhost:8200/login/", state: "s" }),
      appUrl,
      secret,
      store: { dataDir, redisUrl: "" },
      revocation: { dataDir, redisUrl: "" },
      sessionLifetime: { idleSeconds: 3600, absoluteSeconds: 7200 },
      publicPaths: ["/sso/"],
    });
  });

  afterAll(async () => {
    await auth.revocations?.close();
    await auth.store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    decode.mockClear();
    encode.mockClear();
  });

  it("passes a current session on a public path: one decryption per cookie, no Auth.js, no cookie set", async () => {
    const { value } = await session("alice-1");
    encode.mockClear();
    for (const path of ["/api/me", "/api/health", "/", "/api/me"]) {
      const response = await auth.proxy(request(path, { [sessionCookie]: value }), event);
      expect(response).toBeUndefined();
    }
    expect(sessionDecodes()).toBe(1);
    expect(encode).not.toHaveBeenCalled();
  });

  it("refuses a revoked session on its next request and clears it without re-encrypting", async () => {
    const { value } = await session("alice-2");
    encode.mockClear();
    expect(await auth.proxy(request("/api/me", { [sessionCookie]: value }), event)).toBeUndefined();
    await auth.revocations?.revoke("alice-2");
    const response = await auth.proxy(request("/api/me", { [sessionCookie]: value }), event);
    expect(setCookies(response)).toEqual([cleared]);
    expect(response?.headers.get("x-middleware-request-cookie")).toBe("");
    // Still refused on the next request: the verdict is never cached, only the decryption.
    const again = await auth.proxy(request("/", { [sessionCookie]: value }), event);
    expect(setCookies(again)).toHaveLength(1);
    expect(sessionDecodes()).toBe(1);
    expect(encode).not.toHaveBeenCalled();
  });

  it("refuses a cookie whose record is gone (a copy taken before sign-out)", async () => {
    const { sid, value } = await session("alice-copy");
    expect(await auth.proxy(request("/api/me", { [sessionCookie]: value }), event)).toBeUndefined();
    await auth.store.delete(sid);
    const response = await auth.proxy(request("/api/me", { [sessionCookie]: value }), event);
    expect(setCookies(response)).toEqual([cleared]);
    const gated = await auth.proxy(request("/protected", { [sessionCookie]: value }), event);
    expect(gated?.headers.get("location")).toBe(`${appUrl}/auth/error?error=SessionEnded`);
  });

  it("refuses a session past its absolute lifetime, however recently it was used", async () => {
    const { value } = await session("alice-old", 3600, Date.now() - 7201 * 1000);
    const response = await auth.proxy(request("/protected", { [sessionCookie]: value }), event);
    expect(response?.headers.get("location")).toBe(`${appUrl}/auth/error?error=SessionEnded`);
    expect(setCookies(response).some((line) => line.startsWith(`${sessionCookie}=;`))).toBe(true);
  });

  it("keeps a session that started after the revocation", async () => {
    await auth.revocations?.revoke("alice-3");
    const { value } = await session("alice-3", 3600, Date.now() + 5);
    expect(await auth.proxy(request("/api/me", { [sessionCookie]: value }), event)).toBeUndefined();
  });

  it("clears an expired or forged session cookie", async () => {
    const { value: expired } = await session("alice-4", -60);
    const { value: good } = await session("alice-4");
    for (const value of [expired, "not-a-jwe", `${good.slice(0, -4)}AAAA`]) {
      const response = await auth.proxy(request("/api/me", { [sessionCookie]: value }), event);
      expect(setCookies(response)).toEqual([cleared]);
    }
  });

  it("fails closed while the store cannot answer, and keeps the cookie for when it is back", async () => {
    const { value } = await session("alice-5");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const spy = vi.spyOn(auth.store, "get").mockRejectedValue(new Error("store down"));
    try {
      // Public path: passes without the session, which is not cleared.
      expect(
        await auth.proxy(request("/api/me", { [sessionCookie]: value }), event),
      ).toBeUndefined();
      // Private path: the app's error page, and no Set-Cookie that would end the session.
      const gated = await auth.proxy(request("/protected", { [sessionCookie]: value }), event);
      expect(gated?.headers.get("location")).toBe(
        `${appUrl}/auth/error?error=SessionStoreUnavailable`,
      );
      expect(setCookies(gated).some((line) => line.startsWith(`${sessionCookie}=;`))).toBe(false);
      expect(errors).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      errors.mockRestore();
    }
    const back = await auth.proxy(request("/protected", { [sessionCookie]: value }), event);
    expect(back?.status).toBe(200);
  });

  it("sends a revoked session on a private path to the app's sentence, clearing it (Auth.js)", async () => {
    const { value } = await session("alice-6");
    await auth.revocations?.revoke("alice-6");
    const response = await auth.proxy(request("/protected", { [sessionCookie]: value }), event);
    expect(response?.status).toBe(302);
    expect(response?.headers.get("location")).toBe(`${appUrl}/auth/error?error=SessionEnded`);
    expect(setCookies(response).some((line) => line.startsWith(`${sessionCookie}=;`))).toBe(true);
  });

  it("sends a browser without a session to sign-in", async () => {
    const response = await auth.proxy(request("/protected"), event);
    expect(response?.headers.get("location")).toBe(
      `${appUrl}/auth/sign-in?callbackUrl=%2Fprotected`,
    );
  });

  it("lets a current session on a private path through Auth.js, which rolls its expiry", async () => {
    const { value } = await session("alice-7");
    const response = await auth.proxy(request("/protected", { [sessionCookie]: value }), event);
    expect(response?.status).toBe(200);
    const renewed = setCookies(response).find((line) => line.startsWith(`${sessionCookie}=`));
    expect(renewed).toBeDefined();
    expect(renewed).not.toContain(`${sessionCookie}=;`);
  });
});
