import { cookieNamespace } from "@idp-gallery/session";
import {
  createKVSessionWrapper,
  type SessionData,
  type SessionWrapper,
  unwrapSession,
  wrapSession,
} from "@logto/node";
import { createClient } from "@redis/client";
import { env } from "./env.ts";

function open(url: string) {
  return createClient({ url, socket: { connectTimeout: 2000 } })
    .on("error", (error: Error) => console.error(`[logto] redis: ${error.message}`))
    .connect();
}

let redis: ReturnType<typeof open> | undefined;

// One connection per server process, opened on first use; a failed connect is retried next time.
function connect(url: string) {
  const pending =
    redis ??
    open(url).catch((error: unknown) => {
      redis = undefined;
      throw error;
    });
  redis = pending;
  return pending;
}

/** As in Logto's sample: Redis holds the session and the cookie only a random id; else the encrypted cookie. */
function storage(): SessionWrapper {
  const url = env.REDIS_URL;
  if (!url) return { wrap: wrapSession, unwrap: unwrapSession };
  return createKVSessionWrapper(
    {
      get: async (key) => (await connect(url)).get(key),
      set: async (key, value, ttl) => {
        await (await connect(url)).set(key, value, ttl ? { EX: ttl } : undefined);
      },
    },
    { keyPrefix: `${cookieNamespace("logto", env.AUTH_URL)}:session:` },
  );
}

const inner = storage();

/** An empty session (signed out) writes an empty value, which the client turns into a deleted cookie. */
function deletingWhenEmpty(wrapper: SessionWrapper): SessionWrapper {
  return {
    wrap: (data: SessionData, key: string, currentValue?: string) =>
      Object.keys(data).length === 0 ? Promise.resolve("") : wrapper.wrap(data, key, currentValue),
    unwrap: (value: string, key: string) =>
      value ? wrapper.unwrap(value, key) : Promise.resolve({}),
  };
}

/**
 * Reading the encrypted-cookie session decrypts it (SHA-256 of the secret, an AES-GCM key import and
 * the decryption) on every request, yet one cookie value always holds the same session: remembered
 * per value (most recent 1,000), handed out as copies since the SDK writes into what it reads. Only
 * for the cookie: with Redis the value is a key whose session can end server-side, so it is read
 * every time.
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

/** The session (tokens): in Redis when REDIS_URL is set, else in the encrypted cookie. */
export const sessionWrapper = deletingWhenEmpty(env.REDIS_URL ? inner : rememberingReads(inner));

/** The sign-in round trip's state (PKCE verifier, state): always a short-lived encrypted cookie. */
export const flowWrapper = deletingWhenEmpty({ wrap: wrapSession, unwrap: unwrapSession });
