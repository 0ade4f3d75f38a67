import { RedisConnection } from "./redis-connection.ts";
import type { SessionStore } from "./session-store.ts";

interface RedisOptions {
  url: string;
  namespace: string;
  timeoutMs: number;
}

/** Sessions in Redis, so that several instances of the app agree: one key per session, with its TTL. */
export class RedisSessionStore implements SessionStore {
  readonly kind = "redis";
  readonly prefix: string;
  readonly #redis: RedisConnection;

  constructor(options: RedisOptions) {
    this.prefix = `idpg:session:${options.namespace}:`;
    this.#redis = new RedisConnection({ ...options, label: "session store" });
  }

  async get(id: string): Promise<string | null> {
    return (await this.#redis.ready()).get(this.prefix + id);
  }

  async set(id: string, value: string, ttlSeconds: number): Promise<void> {
    await (await this.#redis.ready()).set(this.prefix + id, value, { EX: ttlSeconds });
  }

  async replace(id: string, value: string, ttlSeconds: number): Promise<boolean> {
    const client = await this.#redis.ready();
    // SET XX: only over a key that still exists, atomically.
    return (
      (await client.set(this.prefix + id, value, { EX: ttlSeconds, condition: "XX" })) !== null
    );
  }

  async delete(id: string): Promise<void> {
    await (await this.#redis.ready()).del(this.prefix + id);
  }

  close(): Promise<void> {
    return this.#redis.close();
  }
}
