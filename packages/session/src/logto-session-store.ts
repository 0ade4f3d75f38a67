import { createKVSessionWrapper, type SessionData, type SessionWrapper } from "@logto/node";
import {
  isPastAbsoluteLifetime,
  resolveSessionLifetime,
  type SessionLifetime,
  secondsLeft,
} from "./session-lifetime.ts";
import { createSessionStore, type SessionStore } from "./session-store.ts";

export interface LogtoSessionStoreOptions {
  /** Keeps apps (and instances on other ports) apart: the app's cookie namespace. */
  namespace: string;
  /** `redis://…`: the sessions live in Redis, shared by every instance. Empty: SQLite on this machine. */
  redisUrl?: string;
  /** Where the SQLite file lives; defaults to AUTH_DATA_DIR, else `<cwd>/.data`. */
  dataDir?: string;
  /** Upper bound for one Redis call. */
  timeoutMs?: number;
  /** Idle timeout and absolute lifetime; defaults to `resolveSessionLifetime()` (the env). */
  lifetime?: SessionLifetime;
  /** The clock (epoch ms); tests move it instead of waiting. */
  now?: () => number;
}

/** A signed-in Logto session as the store holds it: the SDK's data and the gallery's lifetimes. */
export interface LogtoSessionState {
  /** The random id the SDK's cookie carries. */
  id: string;
  /** The SDK's session data (ID token, refresh token, access tokens), as the SDK wrote it. */
  data: SessionData;
  signedInAt: number;
  lastUsedAt: number;
  /** When the session ends if it is not used again (idle), or at the latest (absolute); epoch ms. */
  endsAt: number;
}

/** The SDK's `sessionWrapper`, plus what the gallery's gate and routes read next to the SDK. */
export interface LogtoSessionStore {
  /** The `sessionWrapper` of Logto's config: every SDK call reads and writes the session through it. */
  readonly wrapper: SessionWrapper;
  readonly lifetime: SessionLifetime;
  readonly kind: SessionStore["kind"];
  /** The signed-in session behind a cookie value, or null (none, signed out, idle or too old). */
  read(id: string): Promise<LogtoSessionState | null>;
  /** Notes a completed token refresh, so that the gate does not send the session round again at once. */
  markRefreshed(id: string, forSeconds: number): Promise<void>;
  /** Whether a refresh just happened (the mark is used up): the page it returns to passes once. */
  takeRefreshMark(id: string): Promise<boolean>;
  close(): Promise<void>;
}

/** The session store could not be reached: protected pages fail closed on it. */
export class SessionStoreUnavailableError extends Error {
  override name = "SessionStoreUnavailableError";
}

// The Logto session's own bookkeeping, stored beside the SDK's keys in the same entry.
const META_KEY = "idpgSession";
const KEY_PREFIX = "logto:";
// A sign-in round trip through Logto (the SDK's state before the callback) never takes longer.
const SIGN_IN_STATE_SECONDS = 15 * 60;

interface SessionMeta {
  signedInAt: number;
}

const entryKey = (id: string) => `${KEY_PREFIX}${id}`;
const lastUseKey = (id: string) => `${KEY_PREFIX}${id}:last-use`;
const refreshedKey = (id: string) => `${KEY_PREFIX}${id}:refreshed`;

/**
 * The Logto session on the server: the SDK's documented `sessionWrapper` hook over Logto's own
 * `createKVSessionWrapper`, on the gallery's session store (SQLite by default, Redis when
 * configured). The cookie holds only a random id, so it stays small whatever the IdP puts in its
 * tokens, and deleting the entry at sign-out makes every copy of the cookie worthless. The sign-in
 * time rides in the entry, the last use in a key of its own (whose TTL is the idle timeout), so
 * that recording a use never races with the SDK writing refreshed tokens.
 */
export function createLogtoSessionStore(options: LogtoSessionStoreOptions): LogtoSessionStore {
  const lifetime = options.lifetime ?? resolveSessionLifetime();
  const now = options.now ?? Date.now;
  const store = guarded(
    createSessionStore({
      namespace: options.namespace,
      redisUrl: options.redisUrl ?? "",
      dataDir: options.dataDir,
      timeoutMs: options.timeoutMs,
    }),
  );
  const metas = new WeakMap<SessionData, SessionMeta>();
  // Records a use at most this often: a page makes several SDK calls, each reading the session.
  const touchEveryMs = Math.min(60, lifetime.idleSeconds / 10) * 1000;

  // The SDK's own KV wrapper, made per write so that each write carries the TTL it needs.
  // With `existingOnly`, a write lands only while the session is still there (no revival after a
  // sign-out on another instance); its `refused` then says the write did not land.
  const kvWrapper = (ttlSeconds: number, existingOnly?: { refused: boolean }) =>
    createKVSessionWrapper(
      {
        get: (key) => store.get(key),
        set: async (key, value, ttl) => {
          if (!existingOnly) return store.set(key, value, ttl ?? ttlSeconds);
          existingOnly.refused = !(await store.replace(key, value, ttl ?? ttlSeconds));
        },
      },
      { keyPrefix: KEY_PREFIX, ttl: ttlSeconds },
    );

  async function end(id: string): Promise<void> {
    if (!id) return;
    await Promise.all([
      store.delete(entryKey(id)),
      store.delete(lastUseKey(id)),
      store.delete(refreshedKey(id)),
    ]);
  }

  const recordUse = (id: string, at: number) =>
    store.set(lastUseKey(id), String(at), lifetime.idleSeconds);

  /** The entry behind `id`: the SDK's data, its meta, and whether it is a live signed-in session. */
  async function load(id: string) {
    const [stored, lastUse] = await Promise.all([
      kvWrapper(SIGN_IN_STATE_SECONDS).unwrap(id, ""),
      store.get(lastUseKey(id)),
    ]);
    const { [META_KEY]: metaText, ...data } = stored as SessionData & { [META_KEY]?: string };
    if (!data.idToken) return { data, live: null };
    const meta = parseMeta(metaText);
    const lastUsedAt = Number(lastUse);
    const at = now();
    // A session without its bookkeeping is treated as the oldest possible one (fail closed).
    if (!meta || !lastUse || hasEnded(meta.signedInAt, lastUsedAt, lifetime, at)) {
      await end(id);
      return { data: {}, live: null };
    }
    metas.set(data, meta);
    const usedAt = at - lastUsedAt >= touchEveryMs ? at : lastUsedAt;
    if (usedAt === at) await recordUse(id, at);
    const live: LogtoSessionState = {
      id,
      data,
      signedInAt: meta.signedInAt,
      lastUsedAt: usedAt,
      endsAt: sessionEndsAt(meta.signedInAt, usedAt, lifetime),
    };
    return { data, live };
  }

  async function wrap(data: SessionData, _key: string, currentValue = ""): Promise<string> {
    let meta = metas.get(data);
    let id = currentValue;
    if (!data.idToken) {
      // The SDK cleared its tokens (sign-out, a new sign-in, a refused refresh): that session ends.
      if (meta) {
        metas.delete(data);
        await end(id);
        id = "";
      }
      if (Object.keys(data).length === 0) {
        await end(id);
        return "";
      }
      return kvWrapper(SIGN_IN_STATE_SECONDS).wrap(data, "", id);
    }
    if (!meta) {
      // A new sign-in gets a new id: an id planted before the sign-in is worth nothing after it.
      meta = { signedInAt: now() };
      metas.set(data, meta);
      await end(id);
      id = "";
    } else if (!(await store.get(entryKey(id)))) {
      // Ended meanwhile by another request (sign-out in another tab): a late write must not revive it.
      return "";
    }
    const ttl = secondsLeft(meta.signedInAt, lifetime, now());
    if (ttl <= 0) {
      await end(id);
      return "";
    }
    const stored = { ...data, [META_KEY]: JSON.stringify(meta) } as SessionData;
    const existing = id ? { refused: false } : undefined;
    const written = await kvWrapper(ttl, existing).wrap(stored, "", id);
    if (existing?.refused) return "";
    if (written !== currentValue) await recordUse(written, now());
    return written;
  }

  return {
    wrapper: {
      wrap,
      async unwrap(value: string) {
        return value ? (await load(value)).data : {};
      },
    },
    lifetime,
    kind: store.kind,
    async read(id) {
      return id ? (await load(id)).live : null;
    },
    markRefreshed: (id, forSeconds) => store.set(refreshedKey(id), String(now()), forSeconds),
    async takeRefreshMark(id) {
      const key = refreshedKey(id);
      if ((await store.get(key)) === null) return false;
      // One pass per refresh (the page it returns to), so the next request checks the IdP again.
      await store.delete(key);
      return true;
    },
    close: () => store.close(),
  };
}

/** Past the absolute lifetime, or unused for longer than the idle timeout. */
export function hasEnded(
  signedInAt: number,
  lastUsedAt: number,
  lifetime: SessionLifetime,
  now: number,
): boolean {
  if (isPastAbsoluteLifetime(signedInAt, lifetime, now)) return true;
  return !Number.isFinite(lastUsedAt) || now - lastUsedAt >= lifetime.idleSeconds * 1000;
}

/** The earlier of the idle end (from the last use) and the absolute end (from sign-in). */
export function sessionEndsAt(signedInAt: number, lastUsedAt: number, lifetime: SessionLifetime) {
  return Math.min(
    signedInAt + lifetime.absoluteSeconds * 1000,
    lastUsedAt + lifetime.idleSeconds * 1000,
  );
}

function parseMeta(text: string | undefined): SessionMeta | null {
  if (!text) return null;
  try {
    const meta = JSON.parse(text) as Partial<SessionMeta>;
    return typeof meta.signedInAt === "number" ? { signedInAt: meta.signedInAt } : null;
  } catch {
    return null;
  }
}

// Every store failure surfaces as one error type, which the routes and the gate map to a page.
function guarded(store: SessionStore): SessionStore {
  const fail = (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    throw new SessionStoreUnavailableError(`The session store (${store.kind}) failed: ${message}`, {
      cause: error,
    });
  };
  return {
    kind: store.kind,
    get: (id) => store.get(id).catch(fail),
    set: (id, value, ttl) => store.set(id, value, ttl).catch(fail),
    replace: (id, value, ttl) => store.replace(id, value, ttl).catch(fail),
    delete: (id) => store.delete(id).catch(fail),
    close: () => store.close(),
  };
}
