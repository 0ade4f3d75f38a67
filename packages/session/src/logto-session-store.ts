import {
  createKVSessionWrapper,
  type SessionData,
  type SessionWrapper,
  unwrapSession,
  wrapSession,
} from "@logto/node";
import { createClient } from "@redis/client";

export interface LogtoSessionStoreOptions {
  /** Redis holds the session and the cookie only a random id; empty: the SDK's encrypted cookie. */
  redisUrl?: string;
  /** Prefix of the Redis keys, so several apps can share one Redis. */
  keyPrefix: string;
}

/**
 * The `sessionWrapper` of Logto's config (the SDK's documented hook for external storage): Redis
 * through the SDK's `createKVSessionWrapper`, as in Logto's sample, or the SDK's own encrypted
 * cookie. Either way a signed-out (empty) session writes an empty cookie instead of an encrypted `{}`.
 */
export function logtoSessionWrapper(options: LogtoSessionStoreOptions): SessionWrapper {
  if (!options.redisUrl) {
    return emptyWhenSignedOut(rememberingReads({ wrap: wrapSession, unwrap: unwrapSession }));
  }
  const redis = redisConnection(options.redisUrl);
  return emptyWhenSignedOut(
    createKVSessionWrapper(
      {
        get: async (key) => (await redis()).get(key),
        set: async (key, value, ttl) => {
          await (await redis()).set(key, value, ttl ? { EX: ttl } : undefined);
        },
      },
      { keyPrefix: options.keyPrefix },
    ),
  );
}

// One connection per server process, opened on first use; a failed connect is retried next time.
function redisConnection(url: string) {
  let pending: Promise<ReturnType<typeof createClient>> | undefined;
  return () => {
    pending ??= createClient({ url, socket: { connectTimeout: 2000 } })
      .on("error", (error: Error) => console.error(`[logto] redis: ${error.message}`))
      .connect()
      .catch((error: unknown) => {
        pending = undefined;
        throw error;
      }) as Promise<ReturnType<typeof createClient>>;
    return pending;
  };
}

/**
 * A signed-out (empty) session writes an empty cookie instead of an encrypted `{}`; with Redis its
 * key is first overwritten with the empty session, so no token outlives the sign-out there.
 */
function emptyWhenSignedOut(wrapper: SessionWrapper): SessionWrapper {
  return {
    async wrap(data: SessionData, key: string, currentValue?: string) {
      if (Object.keys(data).length > 0) return wrapper.wrap(data, key, currentValue);
      if (currentValue) await wrapper.wrap(data, key, currentValue);
      return "";
    },
    unwrap: (value: string, key: string) =>
      value ? wrapper.unwrap(value, key) : Promise.resolve({}),
  };
}

/**
 * Reading the encrypted-cookie session decrypts it (SHA-256 of the secret, an AES-GCM key import and
 * the decryption) on every request, yet one cookie value always holds the same session: remembered
 * per value (most recent 1,000), handed out as copies since the SDK writes into what it reads. Only
 * for the cookie: with Redis the value is a key whose session can end server-side.
 */
function rememberingReads(wrapper: SessionWrapper, maxEntries = 1000): SessionWrapper {
  const entries = new Map<string, SessionData>();
  return {
    wrap: wrapper.wrap,
    async unwrap(value: string, key: string) {
      const hit = entries.get(value);
      if (hit) {
        entries.delete(value);
        entries.set(value, hit); // Most recently used goes last.
        return { ...hit };
      }
      const data = await wrapper.unwrap(value, key);
      // A value that does not decrypt reads as {}: never remembered.
      if (Object.keys(data).length === 0) return data;
      entries.set(value, { ...data });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return data;
    },
  };
}
