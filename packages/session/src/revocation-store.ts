import { join } from "node:path";
import { RedisRevocationStore } from "./revocation-store-redis.ts";
import { SqliteRevocationStore } from "./revocation-store-sqlite.ts";

/**
 * Server-side state for stateless (JWT) sessions: "every session of user X that started at or before
 * time T is revoked". One row per user, so it stays small; rows older than the longest session are
 * dropped because no session they could revoke is still alive.
 */
export interface RevocationStore {
  /** "sqlite" (a file under the data dir, the default) or "redis" (shared by several instances). */
  readonly kind: "sqlite" | "redis";
  /** Revokes every session of `subject` that started at or before `at` (epoch ms, default now). */
  revoke(subject: string, at?: number): Promise<void>;
  /** When the sessions of `subject` were last revoked (epoch ms), or null when never. */
  revokedAt(subject: string): Promise<number | null>;
  close(): Promise<void>;
}

export interface RevocationStoreOptions {
  /** Keeps apps (and instances on other ports) apart; the session cookie namespace. */
  namespace: string;
  /** `redis://…`: use Redis so that every instance of the app agrees. Defaults to REDIS_URL. */
  redisUrl?: string;
  /** Where the embedded store keeps its file; defaults to AUTH_DATA_DIR, else `<cwd>/.data`. */
  dataDir?: string;
  /** How long a revocation must be remembered: the session lifetime. */
  retentionSeconds: number;
  /** Upper bound for one Redis call (connect or command). */
  timeoutMs?: number;
}

export const DATA_DIR_ENV = "AUTH_DATA_DIR";

/** Redis when a URL is configured, else an embedded SQLite file that survives restarts. */
export function createRevocationStore(options: RevocationStoreOptions): RevocationStore {
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
  if (redisUrl) {
    return new RedisRevocationStore({
      url: redisUrl,
      namespace: options.namespace,
      retentionSeconds: options.retentionSeconds,
      timeoutMs: options.timeoutMs ?? 1000,
    });
  }
  const dataDir = options.dataDir ?? process.env[DATA_DIR_ENV] ?? join(process.cwd(), ".data");
  return new SqliteRevocationStore({
    file: join(dataDir, "revocations.sqlite"),
    namespace: options.namespace,
    retentionSeconds: options.retentionSeconds,
  });
}

/** Whether a session that started at `signedInAt` (epoch ms) has been revoked since. */
export async function isRevoked(
  store: RevocationStore,
  subject: string,
  signedInAt: number,
): Promise<boolean> {
  const revokedAt = await store.revokedAt(subject);
  // A session started in the very millisecond of a revocation is treated as revoked (fail closed).
  return revokedAt !== null && signedInAt <= revokedAt;
}
