import { join } from "node:path";
import { DATA_DIR_ENV } from "./revocation-store.ts";
import { RedisSessionStore } from "./session-store-redis.ts";
import { SqliteSessionStore } from "./session-store-sqlite.ts";

/**
 * Where a session's server-side half lives (the IdP's tokens and claims), keyed by a random session
 * id that only the encrypted session cookie carries. Deleting the entry ends the session everywhere,
 * so a cookie copied before sign-out is worth nothing afterwards.
 */
export interface SessionStore {
  /** "sqlite" (a file under the data dir, the default) or "redis" (shared by several instances). */
  readonly kind: "sqlite" | "redis";
  /** The value stored under `id`, or null when there is none or it has expired. */
  get(id: string): Promise<string | null>;
  /** Stores `value` under `id` for `ttlSeconds`. */
  set(id: string, value: string, ttlSeconds: number): Promise<void>;
  /**
   * Replaces the value under `id` only while one is there; false when there was none. A write that
   * finishes after a sign-out elsewhere must not bring the session back.
   */
  replace(id: string, value: string, ttlSeconds: number): Promise<boolean>;
  delete(id: string): Promise<void>;
  close(): Promise<void>;
}

export interface SessionStoreOptions {
  /** Keeps apps (and instances on other ports) apart; the session cookie namespace. */
  namespace: string;
  /** `redis://…`: use Redis so that every instance of the app agrees. Defaults to REDIS_URL. */
  redisUrl?: string;
  /** Where the embedded store keeps its file; defaults to AUTH_DATA_DIR, else `<cwd>/.data`. */
  dataDir?: string;
  /** Upper bound for one Redis call (connect or command). */
  timeoutMs?: number;
}

/** Redis when a URL is configured, else an embedded SQLite file that survives restarts. */
export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
  if (redisUrl) {
    return new RedisSessionStore({
      url: redisUrl,
      namespace: options.namespace,
      timeoutMs: options.timeoutMs ?? 1000,
    });
  }
  const dataDir = options.dataDir ?? process.env[DATA_DIR_ENV] ?? join(process.cwd(), ".data");
  return new SqliteSessionStore({
    file: join(dataDir, "sessions.sqlite"),
    namespace: options.namespace,
  });
}
