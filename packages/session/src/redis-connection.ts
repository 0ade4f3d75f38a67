type Client = Awaited<ReturnType<typeof createRedisClient>>;
export type RedisClient = Client;

export interface RedisConnectionOptions {
  url: string;
  /** Upper bound for connecting and for every command. */
  timeoutMs: number;
  /** Names the store in the one log line per outage. */
  label: string;
}

async function createRedisClient(options: RedisConnectionOptions) {
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
    if (!reported) console.error(`[auth] ${options.label} (Redis): ${error.message}`);
    reported = true;
  });
  client.on("ready", () => {
    reported = false;
  });
  return client;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** One lazily opened Redis client whose calls fail within the deadline while Redis is away. */
export class RedisConnection {
  readonly #options: RedisConnectionOptions;
  #state: Promise<{ client: Client; connected: Promise<unknown> }> | undefined;

  constructor(options: RedisConnectionOptions) {
    this.#options = options;
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
    await withDeadline(connected, this.#options.timeoutMs);
    if (!client.isReady) throw new Error("Redis is not connected");
    return client;
  }

  /**
   * Runs `command` on the client within the deadline, connecting included. node-redis's own command
   * timeout stops counting once a command is written, so a Redis that takes it and never answers
   * (paused, overloaded, a half-open connection) would hold the request for as long as it hangs.
   */
  run<T>(command: (client: Client) => Promise<T>): Promise<T> {
    return withDeadline(this.#ready().then(command), this.#options.timeoutMs);
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
