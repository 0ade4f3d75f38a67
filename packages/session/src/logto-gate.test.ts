import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PersistKey } from "@logto/node";
import { type NextFetchEvent, NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAuthError } from "./errors.ts";
import { createLogtoGate, isGatedRequest } from "./logto-gate.ts";
import { createLogtoSessionStore, type LogtoSessionStore } from "./logto-session-store.ts";
import { CookieJar, cookieName, emulatorConfig, sdkClient } from "./logto-test-support.ts";
import { createTokenRefresher } from "./logto-token-refresh.ts";
import { startRedisServer } from "./test-support/redis-server.ts";

const appUrl = "http://localhost:3004";
const event = { waitUntil() {} } as unknown as NextFetchEvent;
const config = emulatorConfig("http://127.0.0.1:9");

let dataDir: string;
let sessions: LogtoSessionStore;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "logto-gate-"));
  sessions = createLogtoSessionStore({
    namespace: `idpg-logto-${randomUUID()}`,
    dataDir,
    lifetime: { idleSeconds: 600, absoluteSeconds: 3600 },
  });
});

afterAll(async () => {
  await sessions?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A signed-in session whose ID token expires in `expiresIn` seconds, written through the SDK. */
async function sessionExpiringIn(expiresIn: number): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + expiresIn;
  const payload = Buffer.from(JSON.stringify({ sub: "alice", exp })).toString("base64url");
  const jar = new CookieJar();
  const { storage } = await sdkClient(config, sessions.wrapper, jar);
  await storage.setItem(PersistKey.RefreshToken, "refresh-token");
  await storage.setItem(PersistKey.IdToken, `eyJhbGciOiJFUzM4NCJ9.${payload}.signature`);
  return jar.value;
}

function gate(store = sessions) {
  const refresher = createTokenRefresher({ sessions: store, marginSeconds: 60 });
  return createLogtoGate({ sessions: store, refresher, cookieName, appUrl, idpName: "Logto" });
}

function request(path: string, sessionId?: string, method = "GET") {
  const headers = sessionId ? { cookie: `${cookieName}=${sessionId}` } : undefined;
  return new NextRequest(new URL(path, appUrl), { method, headers });
}

describe("isGatedRequest", () => {
  it.each(["/protected", "/protected/deeper", "/settings"])("gates page loads of %s", (path) => {
    expect(isGatedRequest(request(path))).toBe(true);
  });

  it.each(["/", "/callback", "/auth/refresh", "/auth/sign-in", "/api/me", "/api/resource"])(
    "lets %s through",
    (path) => {
      expect(isGatedRequest(request(path))).toBe(false);
    },
  );

  it("lets other methods through (server actions answer for themselves)", () => {
    expect(isGatedRequest(request("/protected", undefined, "POST"))).toBe(false);
  });
});

describe("createLogtoGate", () => {
  it("sends a gated page whose tokens are near expiry through /auth/refresh, and back", async () => {
    const id = await sessionExpiringIn(30);
    const response = await gate()(request("/protected?tab=claims", id), event);
    expect(response?.status).toBe(307);
    const location = new URL(response?.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`${appUrl}/auth/refresh`);
    expect(location.searchParams.get("returnTo")).toBe("/protected?tab=claims");
  });

  it("lets a gated page with fresh tokens through, and a session refreshed a moment ago", async () => {
    expect(
      await gate()(request("/protected", await sessionExpiringIn(3000)), event),
    ).toBeUndefined();
    const justRefreshed = await sessionExpiringIn(30);
    await sessions.markRefreshed(justRefreshed, 5);
    expect(await gate()(request("/protected", justRefreshed), event)).toBeUndefined();
    // Once: the next page load checks the tokens again (a revocation is noticed at once).
    expect(await gate()(request("/protected", justRefreshed), event)).toBeInstanceOf(Response);
  });

  it("lets public paths, signed-out and unknown sessions through", async () => {
    const due = await sessionExpiringIn(30);
    expect(await gate()(request("/", due), event)).toBeUndefined();
    expect(await gate()(request("/api/me", due), event)).toBeUndefined();
    expect(await gate()(request("/protected"), event)).toBeUndefined();
    expect(await gate()(request("/protected", randomUUID()), event)).toBeUndefined();
  });

  it("fails closed on gated pages when the session store does not answer", async () => {
    const stopped = await startRedisServer();
    await stopped.stop();
    const down = createLogtoSessionStore({
      namespace: "down",
      redisUrl: stopped.url,
      timeoutMs: 300,
      lifetime: { idleSeconds: 600, absoluteSeconds: 3600 },
    });
    try {
      const response = await gate(down)(request("/protected", randomUUID()), event);
      expect(response?.headers.get("location")).toBe(
        `${appUrl}/auth/error?error=SessionStoreUnavailable`,
      );
      // Public pages do not ask the store here; they render as signed out.
      expect(await gate(down)(request("/", randomUUID()), event)).toBeUndefined();
    } finally {
      await down.close();
    }
  });

  it("gives the error page its 4xx status", async () => {
    const response = await gate()(request("/auth/error?error=SessionEnded"), event);
    expect(response?.status).toBe(describeAuthError("SessionEnded", "Logto").status);
  });
});
