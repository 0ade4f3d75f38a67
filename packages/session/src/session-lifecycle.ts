import type { RevocationStore } from "./revocation-store.ts";
import { isRevoked } from "./revocation-store.ts";
import type { ServerSessions, SessionRecord } from "./server-sessions.ts";
import { isPastAbsoluteLifetime, type SessionLifetime } from "./session-lifetime.ts";
import { singleFlight } from "./single-flight.ts";
import { needsRefresh, type TokenRefresher } from "./token-refresh.ts";

/** What the encrypted session cookie says about its session; the rest is in the record. */
export interface SessionHandle {
  /** The record's id in the session store. */
  sid?: string;
  sub?: string;
  signedInAt?: number;
}

/** Where a session stands on this request. */
export type SessionState =
  | { state: "active"; record: SessionRecord }
  /** Past its lifetime, signed out, revoked, or refused a refresh: the user must sign in again. */
  | { state: "ended"; reason: string }
  /** The session store cannot answer: nobody can tell, so protected pages refuse (fail closed). */
  | { state: "unavailable"; reason: string };

export interface SessionLifecycleOptions {
  idpName: string;
  sessions: ServerSessions;
  lifetime: SessionLifetime;
  /** Subject-wide revocations (an IdP's logout events, a sign-out that ends all of a user's sessions). */
  revocations?: RevocationStore;
  /** Set where the IdP issues refresh tokens. */
  refresh?: TokenRefresher;
}

export interface SessionLifecycle {
  /** The session the cookie names, checked against every way a session ends, refreshed when due. */
  current(handle: SessionHandle): Promise<SessionState>;
}

export function createSessionLifecycle(options: SessionLifecycleOptions): SessionLifecycle {
  const { sessions, lifetime, revocations, refresh, idpName } = options;
  const shared = singleFlight<SessionState>();

  const ended = (handle: SessionHandle, reason: string): SessionState => {
    // The record goes too (best effort): nothing of an ended session stays usable.
    if (handle.sid) sessions.end(handle.sid).catch(() => undefined);
    return { state: "ended", reason };
  };

  /** One refresh per session in this process; a caller that waited finds the new tokens stored. */
  const refreshed = (sid: string, refresher: TokenRefresher) =>
    shared(sid, async (): Promise<SessionState> => {
      const latest = await sessions.read(sid);
      if (!latest) return { state: "ended", reason: "signed out" };
      if (!needsRefresh(latest.tokens)) return { state: "active", record: latest };
      const outcome = await refresher(latest.tokens);
      if (outcome.kind === "refreshed") {
        const record = { ...latest, tokens: outcome.tokens };
        // Ended meanwhile (signed out on another instance): the refresh must not bring it back.
        if (!(await sessions.save(sid, record))) return { state: "ended", reason: "signed out" };
        return { state: "active", record };
      }
      if (outcome.kind === "refused") {
        // Another instance may have rotated the token a moment ago: its record then holds a new one.
        const current = await sessions.read(sid);
        if (current && current.tokens.refreshToken !== latest.tokens.refreshToken) {
          return { state: "active", record: current };
        }
        console.error(
          `[auth] ${idpName} refused to refresh the session's tokens (${outcome.reason}); the session ended.`,
        );
        await sessions.end(sid);
        return { state: "ended", reason: "refresh refused" };
      }
      // The IdP is away: the session goes on with its old tokens and the next request tries again.
      console.error(`[auth] could not refresh tokens at ${idpName}: ${outcome.reason}`);
      return { state: "active", record: latest };
    });

  async function check(handle: SessionHandle): Promise<SessionState> {
    const { sid } = handle;
    if (!sid) return { state: "ended", reason: "no session id" };
    if (isPastAbsoluteLifetime(handle.signedInAt, lifetime))
      return ended(handle, "absolute lifetime");
    const record = await sessions.read(sid);
    if (!record) return { state: "ended", reason: "signed out" };
    const subject = record.tokens.subject ?? handle.sub;
    if (revocations && subject && (await isRevoked(revocations, subject, record.signedInAt))) {
      return ended(handle, "revoked");
    }
    if (refresh && needsRefresh(record.tokens)) return refreshed(sid, refresh);
    return { state: "active", record };
  }

  return {
    async current(handle) {
      try {
        return await check(handle);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        console.error(`[auth] session store unavailable (${sessions.store.kind}): ${reason}`);
        return { state: "unavailable", reason };
      }
    },
  };
}
