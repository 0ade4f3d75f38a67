import { type ConsumedTokenStore, tokenDigest } from "./consumed-token-store.ts";
import { RedisConnection } from "./redis-connection.ts";

interface RedisOptions {
  url: string;
  namespace: string;
  timeoutMs: number;
}

/** Consumed tokens in Redis, shared by every instance: `SET NX EX` is the atomic consume-once. */
export class RedisConsumedTokenStore implements ConsumedTokenStore {
  readonly kind = "redis";
  readonly prefix: string;
  readonly #redis: RedisConnection;

  constructor(options: RedisOptions) {
    this.prefix = `idpg:consumed:${options.namespace}:`;
    this.#redis = new RedisConnection({ ...options, label: "consumed-token store" });
  }

  async consume(token: string, ttlSeconds: number): Promise<boolean> {
    const reply = await this.#redis.run((client) =>
      client.set(this.prefix + tokenDigest(token), "1", {
        NX: true,
        EX: Math.max(1, Math.ceil(ttlSeconds)),
      }),
    );
    return reply === "OK";
  }

  close(): Promise<void> {
    return this.#redis.close();
  }
}
