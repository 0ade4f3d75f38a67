import { headers } from "next/headers";
import type { JWT } from "next-auth/jwt";
import { decode, getToken } from "next-auth/jwt";
import { cache } from "react";
import type { GallerySettings } from "./auth-settings.ts";
import { cachedDecoder } from "./decoded-token-cache.ts";
import type { NormalizedSession, NormalizedUser } from "./normalized-session.ts";
import type { SessionDetails } from "./session-backend.ts";
import type { SessionHandle, SessionLifecycle, SessionState } from "./session-lifecycle.ts";

/** The server-only token set kept in the session store; never sent to the browser. */
export interface ServerTokens {
  accessToken?: string;
  idToken?: string;
  refreshToken?: string;
  /** Epoch seconds. */
  accessTokenExpiresAt?: number;
  /** How long the IdP makes its access tokens last (its `expires_in`): the refresh margin follows. */
  accessTokenLifetimeSeconds?: number;
  /** The IdP's own handle for the user, for back-channel calls (django-sso's `user_identy`). */
  subject?: string;
}

/**
 * The session cookie's content: a handle on the server-side record and the user's display fields,
 * so that it stays small whatever the IdP sends (the record holds claims and tokens).
 */
export interface GalleryJwt extends JWT, SessionHandle {
  user?: NormalizedUser;
  /** Set for one response while the session store cannot answer; never trusted from the cookie. */
  unavailable?: boolean;
}

/** A session a request carries: the cookie's side and the store's. */
export interface CurrentSession {
  token: GalleryJwt;
  state: SessionState;
}

export interface SessionReader {
  /** The session in a Cookie header: decrypted (cached), unexpired, then checked in the store. */
  currentSession(cookie: string): Promise<CurrentSession | null>;
  getSession(): Promise<NormalizedSession | null>;
  getClaims(): Promise<Record<string, unknown> | null>;
  getServerTokens(): Promise<ServerTokens | null>;
  getSessionDetails(): Promise<SessionDetails | null>;
  /** The id of this request's session record, active or not (sign-out ends it). */
  getSessionId(): Promise<string | undefined>;
}

export function createSessionReader(
  settings: GallerySettings,
  lifecycle: SessionLifecycle,
): SessionReader {
  const { secret, secure, sessionCookie } = settings;

  /**
   * The session token of this request, decoded once per cookie value. Reading it neither
   * re-encrypts nor re-sets the cookie: gated pages do that (their proxy runs Auth.js, which rolls
   * the idle expiry), so `/` and `/api/me` stay cheap. The store is asked on every read.
   */
  const decodeSession = cachedDecoder((value) =>
    decode<GalleryJwt>({ token: value, secret, salt: sessionCookie }).catch(() => null),
  );
  const decodeCookie = async (cookie: string): Promise<GalleryJwt | null> => {
    const value = await getToken({
      req: { headers: new Headers({ cookie }) },
      secureCookie: secure,
      cookieName: sessionCookie,
      raw: true,
    });
    return value ? decodeSession(value) : null;
  };
  const currentSession = async (cookie: string): Promise<CurrentSession | null> => {
    const token = await decodeCookie(cookie);
    if (!token?.sid) return null;
    return { token, state: await lifecycle.current(token) };
  };
  // One read per server render, however many components ask.
  const readSession = cache(async () => currentSession((await headers()).get("cookie") ?? ""));
  const activeRecord = async () => {
    const session = await readSession();
    return session?.state.state === "active" ? session.state.record : null;
  };

  return {
    currentSession,
    async getSession() {
      const session = await readSession();
      const { token } = session ?? {};
      if (session?.state.state !== "active" || !token?.user || typeof token.exp !== "number") {
        return null;
      }
      // Whichever comes first: the idle timeout (rolled by use) or the absolute lifetime.
      const absoluteEnd = (token.signedInAt ?? 0) + settings.lifetime.absoluteSeconds * 1000;
      const expiresAt = Math.min(token.exp * 1000, absoluteEnd);
      return { idp: settings.idp, user: token.user, expiresAt: new Date(expiresAt).toISOString() };
    },
    async getClaims() {
      return (await activeRecord())?.claims ?? null;
    },
    async getServerTokens() {
      return (await activeRecord())?.tokens ?? null;
    },
    async getSessionDetails() {
      const record = await activeRecord();
      if (!record) return null;
      const { idleSeconds, absoluteSeconds } = settings.lifetime;
      return {
        signedInAt: new Date(record.signedInAt).toISOString(),
        endsAt: new Date(record.signedInAt + absoluteSeconds * 1000).toISOString(),
        idleSeconds,
        refreshable: Boolean(record.tokens.refreshToken),
      };
    },
    async getSessionId() {
      return (await readSession())?.token.sid;
    },
  };
}
