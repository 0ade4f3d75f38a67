import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type ConsumedTokenStore,
  createConsumedTokenStore,
  tokenDigest,
} from "./consumed-token-store.ts";
import { type RedisServer, startRedisServer } from "./test-support/redis-server.ts";

const open: ConsumedTokenStore[] = [];
const track = (store: ConsumedTokenStore) => {
  open.push(store);
  return store;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

function sharedBehaviour(make: (namespace: string) => ConsumedTokenStore) {
  it("consumes a token once, across handles, and keeps namespaces apart", async () => {
    const a = track(make("app-a"));
    const b = track(make("app-a"));
    const other = track(make("app-b"));
    expect(await a.consume("T1", 600)).toBe(true);
    expect(await a.consume("T1", 600)).toBe(false);
    expect(await b.consume("T1", 600)).toBe(false);
    expect(await other.consume("T1", 600)).toBe(true);
    expect(await a.consume("T2", 600)).toBe(true);
  });

  it("lets only one of concurrent consumers win", async () => {
    const store = track(make("app-race"));
    const results = await Promise.all([1, 2, 3, 4].map(() => store.consume("T-race", 600)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
}

it("hashes tokens with SHA-256", () => {
  expect(tokenDigest("abc")).toBe(
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

describe("embedded SQLite store", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "consumed-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));
  const make = (namespace: string) =>
    createConsumedTokenStore({ namespace, dataDir, redisUrl: "" });
  sharedBehaviour(make);

  it("forgets a token once its lifetime is over", async () => {
    const store = track(make("app-expiry"));
    expect(store.kind).toBe("sqlite");
    expect(await store.consume("T-old", 0)).toBe(true);
    expect(await store.consume("T-old", 600)).toBe(true);
    expect(await store.consume("T-old", 600)).toBe(false);
  });
});

describe("Redis store (a real redis-server)", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis?.stop());
  const make = (namespace: string) =>
    createConsumedTokenStore({ namespace, redisUrl: redis.url, timeoutMs: REQUEST_TIMEOUT_MS });
  sharedBehaviour(make);

  it("is chosen when a Redis URL is set", () => {
    expect(track(make("app-kind")).kind).toBe("redis");
  });
});
