import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { PersistKey } from "@logto/node";
import { createClient } from "@redis/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createLogtoSessionStore,
  type LogtoSessionStore,
  type LogtoSessionStoreOptions,
  SessionStoreUnavailableError,
} from "./logto-session-store.ts";
import { CookieJar, emulatorConfig, sdkClient } from "./logto-test-support.ts";
import { type RedisServer, startRedisServer } from "./test-support/redis-server.ts";

const lifetime = { idleSeconds: 100, absoluteSeconds: 300 };
// No network here: the SDK's storage calls and clearAllTokens never reach Logto.
const config = emulatorConfig("http://127.0.0.1:9");
const uuid = /^[0-9a-f-]{36}$/;

/** An ID token as the SDK stores it (already verified), with the claims a test needs. */
function idToken(claims: Record<string, unknown> = {}): string {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const payload = Buffer.from(JSON.stringify({ sub: "alice", exp, ...claims })).toString(
    "base64url",
  );
  return `eyJhbGciOiJFUzM4NCJ9.${payload}.signature`;
}

/** What the SDK writes through a sign-in: its round-trip state, then the tokens (handleSignInCallback). */
async function signIn(sessions: LogtoSessionStore, jar: CookieJar, token = idToken()) {
  const start = await sdkClient(config, sessions.wrapper, jar);
  await start.storage.setItem(PersistKey.SignInSession, '{"state":"s"}');
  const beforeCallback = jar.value;
  const callback = await sdkClient(config, sessions.wrapper, jar);
  await callback.storage.setItem(PersistKey.RefreshToken, "refresh-token");
  await callback.storage.setItem(PersistKey.IdToken, token);
  await callback.storage.removeItem(PersistKey.SignInSession);
  return { beforeCallback, signedIn: jar.value };
}

/** The SDK's handleSignOut without the network: clearAllTokens, then storage.destroy. */
async function signOut(sessions: LogtoSessionStore, jar: CookieJar) {
  const { client, storage } = await sdkClient(config, sessions.wrapper, jar);
  await client.clearAllTokens();
  await storage.destroy();
}

async function sdkIdToken(sessions: LogtoSessionStore, value: string) {
  const { client } = await sdkClient(
    config,
    sessions.wrapper,
    Object.assign(new CookieJar(), { value }),
  );
  return client.getIdToken();
}

const open: LogtoSessionStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

/** What both stores do; `make` opens a session store on fresh storage. */
function sharedBehaviour(make: (options?: Partial<LogtoSessionStoreOptions>) => LogtoSessionStore) {
  it("keeps only a random id in the cookie, and the SDK reads its session back", async () => {
    const sessions = make();
    const jar = new CookieJar();
    const { signedIn } = await signIn(sessions, jar);
    expect(signedIn).toMatch(uuid);
    expect(await sdkIdToken(sessions, signedIn)).toMatch(/^eyJ/);
    const state = await sessions.read(signedIn);
    expect(state?.data.refreshToken).toBe("refresh-token");
    expect(state?.endsAt).toBeGreaterThan(Date.now());
  });

  it("refuses a cookie copied before sign-out after it, and empties the cookie", async () => {
    const sessions = make();
    const jar = new CookieJar();
    const { signedIn: copied } = await signIn(sessions, jar);
    await signOut(sessions, jar);
    expect(jar.value).toBe("");
    expect(await sdkIdToken(sessions, copied)).toBeNull();
    expect(await sessions.read(copied)).toBeNull();
  });

  it("does not bring a session back when a request writes to it after sign-out elsewhere", async () => {
    const sessions = make();
    const jar = new CookieJar();
    const { signedIn } = await signIn(sessions, jar);
    const otherTab = Object.assign(new CookieJar(), { value: signedIn });
    const late = await sdkClient(config, sessions.wrapper, otherTab);
    await signOut(sessions, jar);
    // The other tab's request read the session before the sign-out and now stores a refreshed token.
    await late.storage.setItem(PersistKey.RefreshToken, "rotated-refresh-token");
    expect(otherTab.value).toBe("");
    expect(await sessions.read(signedIn)).toBeNull();
  });

  it("gives a new sign-in a new id: the id of the sign-in round trip is worth nothing after it", async () => {
    const sessions = make();
    const jar = new CookieJar();
    const { beforeCallback, signedIn } = await signIn(sessions, jar);
    expect(beforeCallback).toMatch(uuid);
    expect(signedIn).not.toBe(beforeCallback);
    expect(await sessions.read(beforeCallback)).toBeNull();
  });

  it("keeps the cookie an id when the IdP puts a 12 KB claim in the ID token", async () => {
    const sessions = make();
    const jar = new CookieJar();
    const huge = idToken({ custom_data: { notes: "x".repeat(12_000) } });
    const { signedIn } = await signIn(sessions, jar, huge);
    expect(`${"logto_idpgallerylogto01"}=${signedIn}`.length).toBeLessThan(4096);
    expect(await sdkIdToken(sessions, signedIn)).toBe(huge);
  });

  it("ends a session unused for the idle timeout; each use restarts the count", async () => {
    let now = Date.now();
    const sessions = make({ now: () => now });
    const jar = new CookieJar();
    const { signedIn } = await signIn(sessions, jar);
    now += 60_000;
    expect(await sessions.read(signedIn)).not.toBeNull();
    now += 60_000; // 120 s after sign-in, 60 s after the last use.
    expect(await sessions.read(signedIn)).not.toBeNull();
    now += 100_000;
    expect(await sessions.read(signedIn)).toBeNull();
    expect(await sdkIdToken(sessions, signedIn)).toBeNull();
  });

  it("ends a session at its absolute lifetime, however often it is used", async () => {
    let now = Date.now();
    const sessions = make({ now: () => now });
    const jar = new CookieJar();
    const { signedIn } = await signIn(sessions, jar);
    for (let used = 0; used < 5; used += 1) {
      now += 59_000;
      expect(await sessions.read(signedIn)).not.toBeNull();
    }
    now += 10_000; // 305 s after sign-in, 10 s after the last use.
    expect(await sessions.read(signedIn)).toBeNull();
  });
}

describe("createLogtoSessionStore, embedded SQLite", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "logto-sessions-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const make = (options: Partial<LogtoSessionStoreOptions> = {}) => {
    const store = createLogtoSessionStore({
      namespace: `idpg-logto-${randomUUID()}`,
      dataDir,
      lifetime,
      ...options,
    });
    open.push(store);
    return store;
  };

  it("uses SQLite when no Redis URL is given", () => {
    expect(make().kind).toBe("sqlite");
  });

  sharedBehaviour(make);
});

describe("createLogtoSessionStore, Redis (a real redis-server)", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis?.stop());

  const make = (options: Partial<LogtoSessionStoreOptions> = {}) => {
    const store = createLogtoSessionStore({
      namespace: options.namespace ?? `idpg-logto-${randomUUID()}`,
      redisUrl: redis.url,
      timeoutMs: REQUEST_TIMEOUT_MS,
      lifetime,
      ...options,
    });
    open.push(store);
    return store;
  };

  sharedBehaviour(make);

  it("gives the key the session's remaining absolute lifetime, and deletes it at sign-out", async () => {
    const namespace = `idpg-logto-${randomUUID()}`;
    let now = Date.now();
    const sessions = make({ namespace, now: () => now });
    const jar = new CookieJar();
    const { signedIn } = await signIn(sessions, jar);
    const key = `idpg:session:${namespace}:logto:${signedIn}`;
    const raw = await createClient({ url: redis.url }).connect();
    try {
      expect(await raw.ttl(key)).toBeGreaterThan(lifetime.absoluteSeconds - 5);
      expect(await raw.ttl(key)).toBeLessThanOrEqual(lifetime.absoluteSeconds);
      expect(await raw.ttl(`${key}:last-use`)).toBeLessThanOrEqual(lifetime.idleSeconds);
      // A write 90 s later (a token refresh) keeps the absolute end, it does not extend it.
      now += 90_000;
      const later = await sdkClient(config, sessions.wrapper, jar);
      await later.storage.setItem(PersistKey.RefreshToken, "rotated-refresh-token");
      expect(await raw.ttl(key)).toBeLessThanOrEqual(lifetime.absoluteSeconds - 90);
      expect(await raw.ttl(key)).toBeGreaterThan(lifetime.absoluteSeconds - 95);
      await signOut(sessions, jar);
      expect(await raw.exists([key, `${key}:last-use`])).toBe(0);
    } finally {
      await raw.close();
    }
  });

  it("fails with SessionStoreUnavailableError when Redis is unreachable", async () => {
    const stopped = await startRedisServer();
    await stopped.stop();
    const sessions = make({ redisUrl: stopped.url, timeoutMs: 300 });
    await expect(sessions.read(randomUUID())).rejects.toBeInstanceOf(SessionStoreUnavailableError);
    // The SDK's storage fails the same way, so every route can tell "store down" from "signed out".
    await expect(
      sdkClient(config, sessions.wrapper, Object.assign(new CookieJar(), { value: randomUUID() })),
    ).rejects.toBeInstanceOf(SessionStoreUnavailableError);
  });
});
