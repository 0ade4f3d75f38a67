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

/** The session (tokens): in Redis when REDIS_URL is set, else in the encrypted cookie. */
export const sessionWrapper = deletingWhenEmpty(inner);

/** The sign-in round trip's state (PKCE verifier, state): always a short-lived encrypted cookie. */
export const flowWrapper = deletingWhenEmpty({ wrap: wrapSession, unwrap: unwrapSession });
