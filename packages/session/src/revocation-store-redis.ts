import type { RevocationStore } from "./revocation-store.ts";

interface RedisOptions {
  url: string;
  namespace: string;
  retentionSeconds: number;
  timeoutMs: number;
}

type Client = Awaited<ReturnType<typeof createRedisClient>>;

async function createRedisClient(options: RedisOptions) {
  const { createClient } = await import("@redis/client");
  const client = createClient({
    url: options.url,
    // Fail fast instead of queueing while Redis is away; every command has a deadline.
    disableOfflineQueue: true,
    commandOptions: { timeout: options.timeoutMs },
    socket: {
      connectTimeout: options.timeoutMs,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000),
    },
  });
  let reported = false;
  client.on("error", (error: Error) => {
    // One line per outage, not one per reconnect attempt.
    if (!reported) console.error(`[auth] revocation store (Redis): ${error.message}`);
    reported = true;
  });
  client.on("ready", () => {
    reported = false;
  });
  return client;
}

function deadline(ms: number): Promise<never> {
  return new Promise((_, reject) => {
    setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms).unref();
  });
}

/**
 * Revocations in Redis, so that several instances of the app agree: one sorted set per app
 * namespace, member = user, score = revocation time. `ZADD GT` keeps the latest time atomically.
 */
export class RedisRevocationStore implements RevocationStore {
  readonly kind = "redis";
  readonly key: string;
  readonly #options: RedisOptions;
  #state: Promise<{ client: Client; connected: Promise<unknown> }> | undefined;

  constructor(options: RedisOptions) {
    this.#options = options;
    this.key = `idpg:revoked:${options.namespace}`;
  }

  async #ready(): Promise<Client> {
    this.#state ??= createRedisClient(this.#options).then((client) => {
      const connected = client.connect();
      connected.catch(() => undefined);
      return { client, connected };
    });
    const { client, connected } = await this.#state;
    if (client.isReady) return client;
    // Only the first connection is waited for; during a later outage calls fail at once while the
    // client reconnects in the background.
    await Promise.race([connected, deadline(this.#options.timeoutMs)]);
    if (!client.isReady) throw new Error("Redis is not connected");
    return client;
  }

  async revoke(subject: string, at = Date.now()): Promise<void> {
    const client = await this.#ready();
    const horizon = Date.now() - this.#options.retentionSeconds * 1000;
    await client
      .multi()
      .zAdd(this.key, { score: at, value: subject }, { GT: true })
      .zRemRangeByScore(this.key, "-inf", horizon)
      .pExpire(this.key, this.#options.retentionSeconds * 1000)
      .exec();
  }

  async revokedAt(subject: string): Promise<number | null> {
    const client = await this.#ready();
    const score = await client.zScore(this.key, subject);
    return score === null ? null : Number(score);
  }

  async close(): Promise<void> {
    const state = this.#state;
    this.#state = undefined;
    if (!state) return;
    const { client } = await state;
    if (client.isReady) await client.close();
    else client.destroy();
  }
}
