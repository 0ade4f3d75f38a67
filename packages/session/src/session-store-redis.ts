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
    return this.#redis.run((client) => client.get(this.prefix + id));
  }

  async set(id: string, value: string, ttlSeconds: number): Promise<void> {
    await this.#redis.run((client) => client.set(this.prefix + id, value, { EX: ttlSeconds }));
  }

  async replace(id: string, value: string, ttlSeconds: number): Promise<boolean> {
    // SET XX: only over a key that still exists, atomically.
    const answer = await this.#redis.run((client) =>
      client.set(this.prefix + id, value, { EX: ttlSeconds, condition: "XX" }),
    );
    return answer !== null;
  }

  async delete(id: string): Promise<void> {
    await this.#redis.run((client) => client.del(this.prefix + id));
  }

  close(): Promise<void> {
    return this.#redis.close();
  }
}
