import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { createClient } from "@redis/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRevocationStore, isRevoked, type RevocationStore } from "./revocation-store.ts";
import { type RedisServer, startRedisServer } from "./test-support/redis-server.ts";

const day = 24 * 60 * 60;
const open: RevocationStore[] = [];
const track = (store: RevocationStore) => {
  open.push(store);
  return store;
};

afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

/** The behaviour both stores share; `make` opens another handle on the same storage. */
function sharedBehaviour(make: (namespace: string) => RevocationStore) {
  it("revokes sessions that started at or before the revocation, not later ones", async () => {
    const store = track(make("app-a"));
    const before = Date.now() - 1000;
    await store.revoke("alice");
    const revokedAt = await store.revokedAt("alice");
    expect(revokedAt).toBeGreaterThan(before);
    expect(await isRevoked(store, "alice", before)).toBe(true);
    expect(await isRevoked(store, "alice", revokedAt ?? 0)).toBe(true);
    expect(await isRevoked(store, "alice", (revokedAt ?? 0) + 1)).toBe(false);
    expect(await isRevoked(store, "bob", before)).toBe(false);
  });

  it("never moves a revocation back in time", async () => {
    const store = track(make("app-order"));
    const now = Date.now();
    await store.revoke("carol", now);
    await store.revoke("carol", now - 5000);
    expect(await store.revokedAt("carol")).toBe(now);
    await store.revoke("carol", now + 5);
    expect(await store.revokedAt("carol")).toBe(now + 5);
  });

  it("is shared by every handle on the same storage, and kept apart per namespace", async () => {
    const writer = track(make("app-shared"));
    const reader = track(make("app-shared"));
    const otherApp = track(make("app-other"));
    const at = Date.now() - 1000;
    await writer.revoke("dave", at);
    expect(await reader.revokedAt("dave")).toBe(at);
    expect(await otherApp.revokedAt("dave")).toBeNull();
  });

  it("forgets revocations older than the longest session", async () => {
    const store = track(make("app-retention"));
    await store.revoke("erin", Date.now() - 2 * day * 1000);
    await store.revoke("frank");
    expect(await store.revokedAt("erin")).toBeNull();
    expect(await store.revokedAt("frank")).not.toBeNull();
  });
}

describe("embedded SQLite store", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "revocations-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const make = (namespace: string) =>
    createRevocationStore({ namespace, dataDir, retentionSeconds: day, redisUrl: "" });

  sharedBehaviour(make);

  it("survives a restart: a new store on the same data dir still knows the revocation", async () => {
    const first = make("app-restart");
    const at = Date.now() - 1000;
    await first.revoke("alice", at);
    await first.close();
    const second = track(make("app-restart"));
    expect(second.kind).toBe("sqlite");
    expect(await second.revokedAt("alice")).toBe(at);
    expect((await stat(join(dataDir, "revocations.sqlite"))).isFile()).toBe(true);
  });
});

describe("Redis store (a real redis-server)", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis?.stop());

  // The store's 1 s production bound is for a Redis nearby; a loaded test machine gets the tests' own.
  const make = (namespace: string) =>
    createRevocationStore({
      namespace,
      redisUrl: redis.url,
      retentionSeconds: day,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });

  sharedBehaviour(make);

  it("is chosen when a Redis URL is set, and several instances agree through it", async () => {
    const instanceA = track(make("app-cluster"));
    const instanceB = track(make("app-cluster"));
    expect(instanceA.kind).toBe("redis");
    const signedInAt = Date.now() - 1;
    expect(await isRevoked(instanceB, "alice", signedInAt)).toBe(false);
    await instanceA.revoke("alice");
    expect(await isRevoked(instanceB, "alice", signedInAt)).toBe(true);
  });

  it("fails within its timeout while Redis holds every command, and recovers after", async () => {
    const store = track(
      createRevocationStore({
        namespace: "app-paused",
        redisUrl: redis.url,
        retentionSeconds: day,
        timeoutMs: 300,
      }),
    );
    const revokedAt = Date.now();
    await store.revoke("alice", revokedAt);
    const raw = await createClient({ url: redis.url }).connect();
    try {
      // Redis answers nothing for 5 s: a server that accepts the connection and then hangs.
      await raw.sendCommand(["CLIENT", "PAUSE", "5000", "ALL"]);
      const started = Date.now();
      await expect(store.revokedAt("alice")).rejects.toThrow(/within 300 ms/);
      expect(Date.now() - started).toBeLessThan(4_000);
      await raw.sendCommand(["CLIENT", "UNPAUSE"]);
      expect(await store.revokedAt("alice")).toBe(revokedAt);
    } finally {
      await raw.close();
    }
  });

  it("fails within its timeout when Redis is unreachable", async () => {
    const { url } = await startRedisServer().then(async (server) => {
      await server.stop();
      return server;
    });
    const store = track(
      createRevocationStore({
        namespace: "app-down",
        redisUrl: url,
        retentionSeconds: day,
        timeoutMs: 300,
      }),
    );
    await expect(store.revokedAt("alice")).rejects.toThrow();
  });
});
