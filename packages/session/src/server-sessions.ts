import { randomBytes } from "node:crypto";
import { type SessionLifetime, secondsLeft } from "./session-lifetime.ts";
import type { ServerTokens } from "./session-reader.ts";
import type { SessionStore } from "./session-store.ts";

/** A session's server-side half: everything the browser need not carry. */
export interface SessionRecord {
  /** The IdP's claims (ID token, profile or user record), however large the IdP makes them. */
  claims: Record<string, unknown>;
  /** The IdP's tokens; they never leave the server, not even encrypted. */
  tokens: ServerTokens;
  /** When the user signed in (epoch ms): the absolute lifetime counts from here. */
  signedInAt: number;
}

export interface ServerSessions {
  readonly store: SessionStore;
  /** Stores a new session's record; returns its id for the cookie. */
  begin(record: SessionRecord): Promise<string>;
  read(id: string): Promise<SessionRecord | null>;
  /**
   * Replaces the record (after a refresh) while it still exists; false once the session was ended
   * meanwhile (a sign-out on another instance). It still expires at the absolute lifetime.
   */
  save(id: string, record: SessionRecord): Promise<boolean>;
  /** Ends the session everywhere: any copy of its cookie is worth nothing afterwards. */
  end(id: string): Promise<void>;
}

export function createServerSessions(
  store: SessionStore,
  lifetime: SessionLifetime,
): ServerSessions {
  const ttlOf = (record: SessionRecord) => secondsLeft(record.signedInAt, lifetime);
  return {
    store,
    async begin(record) {
      // 256 random bits: the id is the session's only key, so it must not be guessable.
      const id = randomBytes(32).toString("base64url");
      await store.set(id, JSON.stringify(record), ttlOf(record));
      return id;
    },
    async read(id) {
      const value = await store.get(id);
      return value === null ? null : (JSON.parse(value) as SessionRecord);
    },
    save: (id, record) => store.replace(id, JSON.stringify(record), ttlOf(record)),
    end: (id) => store.delete(id),
  };
}
