import { RedisConnection } from "./redis-connection.ts";
import type { RevocationStore } from "./revocation-store.ts";

interface RedisOptions {
  url: string;
  namespace: string;
  retentionSeconds: number;
  timeoutMs: number;
}

/**
 * Revocations in Redis, so that several instances of the app agree: one sorted set per app
 * namespace, member = user, score = revocation time. `ZADD GT` keeps the latest time atomically.
 */
export class RedisRevocationStore implements RevocationStore {
  readonly kind = "redis";
  readonly key: string;
  readonly #options: RedisOptions;
  readonly #redis: RedisConnection;

  constructor(options: RedisOptions) {
    this.#options = options;
    this.key = `idpg:revoked:${options.namespace}`;
    this.#redis = new RedisConnection({ ...options, label: "revocation store" });
  }

  async revoke(subject: string, at = Date.now()): Promise<void> {
    const horizon = Date.now() - this.#options.retentionSeconds * 1000;
    await this.#redis.run((client) =>
      client
        .multi()
        .zAdd(this.key, { score: at, value: subject }, { GT: true })
        .zRemRangeByScore(this.key, "-inf", horizon)
        .pExpire(this.key, this.#options.retentionSeconds * 1000)
        .exec(),
    );
  }

  async revokedAt(subject: string): Promise<number | null> {
    const score = await this.#redis.run((client) => client.zScore(this.key, subject));
    return score === null ? null : Number(score);
  }

  close(): Promise<void> {
    return this.#redis.close();
  }
}
