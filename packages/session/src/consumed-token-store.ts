import { createHash } from "node:crypto";
import { join } from "node:path";
import { RedisConsumedTokenStore } from "./consumed-token-store-redis.ts";
import { SqliteConsumedTokenStore } from "./consumed-token-store-sqlite.ts";
import { DATA_DIR_ENV } from "./revocation-store.ts";

/**
 * Server-side memory of sign-in request tokens already used, so a copied request cookie (or an IdP
 * whose own "used" flag does not stick, as django-sso 1.1.0's `make_used`) cannot complete twice.
 * Only SHA-256 digests are kept, each for the request's lifetime.
 */
export interface ConsumedTokenStore {
  readonly kind: "sqlite" | "redis";
  /** True the first time `token` is consumed, false on every later call until it expires. */
  consume(token: string, ttlSeconds: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface ConsumedTokenStoreOptions {
  namespace: string;
  /** `redis://…`; defaults to REDIS_URL. */
  redisUrl?: string;
  /** Defaults to AUTH_DATA_DIR, else `<cwd>/.data`. */
  dataDir?: string;
  timeoutMs?: number;
}

/** Hex SHA-256: the store never holds a usable token. */
export function tokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Redis when a URL is configured, else an embedded SQLite file. */
export function createConsumedTokenStore(options: ConsumedTokenStoreOptions): ConsumedTokenStore {
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
  if (redisUrl) {
    return new RedisConsumedTokenStore({
      url: redisUrl,
      namespace: options.namespace,
      timeoutMs: options.timeoutMs ?? 1000,
    });
  }
  const dataDir = options.dataDir ?? process.env[DATA_DIR_ENV] ?? join(process.cwd(), ".data");
  return new SqliteConsumedTokenStore({
    file: join(dataDir, "consumed-tokens.sqlite"),
    namespace: options.namespace,
  });
}
