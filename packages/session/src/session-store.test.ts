import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { createClient } from "@redis/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSessionStore, type SessionStore } from "./session-store.ts";
import { type RedisServer, startRedisServer } from "./test-support/redis-server.ts";

const open: SessionStore[] = [];
const track = (store: SessionStore) => {
  open.push(store);
  return store;
};

afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

/** What both stores do; `make` opens another handle on the same storage. */
function sharedBehaviour(make: (namespace: string) => SessionStore) {
  it("keeps a value until it is deleted, and overwrites on set", async () => {
    const store = track(make("app-a"));
    expect(await store.get("s1")).toBeNull();
    await store.set("s1", '{"v":1}', 60);
    expect(await store.get("s1")).toBe('{"v":1}');
    await store.set("s1", '{"v":2}', 60);
    expect(await store.get("s1")).toBe('{"v":2}');
    await store.delete("s1");
    expect(await store.get("s1")).toBeNull();
  });

  it("is shared by every handle on the same storage, and kept apart per namespace", async () => {
    const writer = track(make("app-shared"));
    const reader = track(make("app-shared"));
    const otherApp = track(make("app-other"));
    await writer.set("s2", "x", 60);
    expect(await reader.get("s2")).toBe("x");
    expect(await otherApp.get("s2")).toBeNull();
    await reader.delete("s2");
    expect(await writer.get("s2")).toBeNull();
  });

  it("replaces only a value that is still there (no revival after a sign-out)", async () => {
    const store = track(make("app-replace"));
    expect(await store.replace("s6", "x", 60)).toBe(false);
    expect(await store.get("s6")).toBeNull();
    await store.set("s6", "x", 60);
    expect(await store.replace("s6", "y", 60)).toBe(true);
    expect(await store.get("s6")).toBe("y");
  });

  it("holds a 40 KB value (a session whose IdP sent a huge claim)", async () => {
    const store = track(make("app-large"));
    const value = JSON.stringify({ claim: "x".repeat(40_000) });
    await store.set("big", value, 60);
    expect(await store.get("big")).toBe(value);
  });
}

describe("embedded SQLite session store", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sessions-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const make = (namespace: string) => createSessionStore({ namespace, dataDir, redisUrl: "" });

  sharedBehaviour(make);

  it("answers null once the entry's TTL has run out", async () => {
    const store = track(make("app-ttl"));
    await store.set("gone", "x", 0);
    await store.set("kept", "y", 60);
    expect(await store.get("gone")).toBeNull();
    expect(await store.get("kept")).toBe("y");
  });

  it("survives a restart", async () => {
    const first = make("app-restart");
    await first.set("s3", "z", 60);
    await first.close();
    const second = track(make("app-restart"));
    expect(second.kind).toBe("sqlite");
    expect(await second.get("s3")).toBe("z");
  });
});

describe("Redis session store (a real redis-server)", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis?.stop());

  const make = (namespace: string) =>
    createSessionStore({ namespace, redisUrl: redis.url, timeoutMs: REQUEST_TIMEOUT_MS });

  sharedBehaviour(make);

  it("gives each entry Redis's own TTL", async () => {
    const store = track(make("app-ttl"));
    expect(store.kind).toBe("redis");
    await store.set("s4", "x", 120);
    const raw = await createClient({ url: redis.url }).connect();
    try {
      const ttl = await raw.ttl("idpg:session:app-ttl:s4");
      expect(ttl).toBeGreaterThan(100);
      expect(ttl).toBeLessThanOrEqual(120);
    } finally {
      await raw.close();
    }
  });

  it("fails within its timeout while Redis holds every command, and recovers after", async () => {
    const store = track(
      createSessionStore({ namespace: "paused", redisUrl: redis.url, timeoutMs: 300 }),
    );
    await store.set("s6", "kept", 120);
    const raw = await createClient({ url: redis.url }).connect();
    try {
      // Redis answers nothing for 5 s: a server that accepts the connection and then hangs.
      await raw.sendCommand(["CLIENT", "PAUSE", "5000", "ALL"]);
      const started = Date.now();
      await expect(store.get("s6")).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(4_000);
      await raw.sendCommand(["CLIENT", "UNPAUSE"]);
      expect(await store.get("s6")).toBe("kept");
    } finally {
      await raw.close();
    }
  });

  it("fails within its timeout when Redis is unreachable", async () => {
    const server = await startRedisServer();
    await server.stop();
    const store = track(
      createSessionStore({ namespace: "down", redisUrl: server.url, timeoutMs: 300 }),
    );
    await expect(store.get("s5")).rejects.toThrow();
  });
});
