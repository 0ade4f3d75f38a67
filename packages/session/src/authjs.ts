import { redirect } from "next/navigation";
import type { NextProxy, NextRequest } from "next/server";
import NextAuth, { type NextAuthResult } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { createAuthConfig } from "./auth-config.ts";
import { type defaultPaths, resolveSettings } from "./auth-settings.ts";
import { pickStrategy } from "./auth-strategy.ts";
import type { IdpLogout, SignInStart } from "./credentials.ts";
import { createGalleryProxy } from "./gallery-proxy.ts";
import type { IdpId } from "./idps.ts";
import { createMeHandler } from "./me-handler.ts";
import type { NormalizedSession } from "./normalized-session.ts";
import type { RevocationStore } from "./revocation-store.ts";
import { createServerSessions } from "./server-sessions.ts";
import { createSessionLifecycle } from "./session-lifecycle.ts";
import type { SessionLifetime } from "./session-lifetime.ts";
import { createSessionReader, type ServerTokens } from "./session-reader.ts";
import { createSessionRevocations } from "./session-revocation.ts";
import { createSessionStore, type SessionStore } from "./session-store.ts";
import type { LogoutPlan } from "./sign-out.ts";

/*
 * The public entry of `@idp-gallery/session/authjs`. `createGalleryAuth` picks a strategy once
 * (oidc-strategy.ts or credentials-strategy.ts, see auth-strategy.ts) and composes it with the
 * shared core: settings, the Auth.js config, session reading, revocation and the proxy.
 */

export interface GalleryAuthOptions {
  /** Which gallery IdP this app signs in with; names the session and the cookies. */
  idp: IdpId;
  /** Human name of the IdP, used in error pages and messages. */
  idpName: string;
  /**
   * The Auth.js OIDC provider, with its clientId, clientSecret and issuer. Its `[customFetch]`, if
   * set, carries every IdP call (Auth.js's and sign-out's discovery), under the gallery's timeout.
   * Or an Auth.js Credentials provider for IdPs without OIDC (with `signInStart`, see credentials.ts).
   */
  // Any profile type: a built-in provider (e.g. BeyondIdentity) declares its own.
  provider: OIDCConfig<never> | CredentialsConfig;
  /** The app's public origin; defaults to AUTH_URL. Redirects are only ever allowed to it. */
  appUrl?: string;
  /** Secret for the encrypted session cookie; defaults to AUTH_SECRET. */
  secret?: string;
  /** Upper bound for every call to the IdP (discovery, token, userinfo, logout discovery). */
  idpTimeoutMs?: number;
  /**
   * The idle timeout and the absolute lifetime; default from AUTH_SESSION_IDLE_SECONDS and
   * AUTH_SESSION_ABSOLUTE_SECONDS, else 8 h and 24 h (session-lifetime.ts).
   */
  sessionLifetime?: Partial<SessionLifetime>;
  /** How the app signs out at the IdP: RP-initiated logout when discovery has an end_session_endpoint. */
  logout?: LogoutPlan;
  /** Where the shared pages live; the defaults match the apps' file layout. */
  paths?: Partial<typeof defaultPaths>;
  /** Credentials provider: starts sign-in at the IdP (django-sso: obtain, then its login page). */
  signInStart?: SignInStart;
  /** Credentials provider: ends the user's session at the IdP (django-sso: deauthenticate). */
  idpLogout?: IdpLogout;
  /**
   * Where sessions' server-side records live (the IdP's tokens and claims): Redis when a URL is
   * given (or REDIS_URL is set), else an embedded SQLite file under `dataDir` (or AUTH_DATA_DIR).
   */
  store?: { redisUrl?: string; dataDir?: string };
  /**
   * Subject-wide revocation (an IdP's logout events end all of a user's sessions), checked on every
   * session read; same storage choice as `store`.
   */
  revocation?: { redisUrl?: string; dataDir?: string };
  /** More path prefixes the proxy lets through without a session (an IdP's return and event routes). */
  publicPaths?: string[];
}

/**
 * Auth.js v5 with the gallery's secure defaults: per-app cookie names, PKCE + state + nonce, a bounded
 * timeout on every IdP call, same-origin redirects only, tokens kept on the server, sign-in errors on the
 * app's own error page, and the normalized session for `/api/me`.
 */
export function createGalleryAuth(options: GalleryAuthOptions): GalleryAuth {
  const settings = resolveSettings(options);
  const strategy = pickStrategy(options, settings);
  const store = createSessionStore({ namespace: settings.namespace, ...options.store });
  const sessions = createServerSessions(store, settings.lifetime);
  const revocations = createSessionRevocations(settings, options.revocation);
  const lifecycle = createSessionLifecycle({
    idpName: settings.idpName,
    sessions,
    lifetime: settings.lifetime,
    revocations,
    refresh: strategy.refresh,
  });
  const nextAuth = NextAuth(createAuthConfig(settings, strategy, { sessions, lifecycle }));
  const session = createSessionReader(settings, lifecycle);
  const clearSession = async () => {
    // The record first: a copy of the cookie taken before sign-out must not work afterwards.
    const sid = await session.getSessionId();
    const ended = !sid || (await endRecord(sessions.store, sid, settings.idpName));
    await nextAuth.signOut({ redirect: false });
    // The browser forgot the session, the server could not: the user is told, not reassured.
    if (!ended) redirect(`${settings.paths.error}?error=SignOutIncomplete`);
  };
  const routes = strategy.routes({
    nextAuth,
    getServerTokens: session.getServerTokens,
    clearSession,
    revocations,
  });

  return {
    ...nextAuth,
    // Auth.js's own sign-out endpoint goes through the gallery's (server-side end, IdP logout).
    handlers: withGallerySignOut(nextAuth.handlers, routes.signOutRoute),
    appUrl: settings.appUrl,
    idp: options.idp,
    idpName: options.idpName,
    cookieNamespace: settings.namespace,
    lifetime: settings.lifetime,
    store,
    getSession: session.getSession,
    getClaims: session.getClaims,
    getServerTokens: session.getServerTokens,
    getSessionDetails: session.getSessionDetails,
    async getAccessToken() {
      const accessToken = (await session.getServerTokens())?.accessToken;
      if (!accessToken) throw new Error("The session holds no access token.");
      return accessToken;
    },
    meRoute: createMeHandler(session.getSession),
    signInRoute: routes.signInRoute,
    completeSignInRoute: routes.completeSignInRoute,
    signOutRoute: routes.signOutRoute,
    revocations,
    proxy: createGalleryProxy(settings, {
      nextAuth,
      publicPaths: options.publicPaths,
      // A session riding on a public path is checked in the store too, and forgotten once ended.
      isCurrent: async (cookie) => {
        const state = (await session.currentSession(cookie))?.state.state;
        // A store that cannot answer leaves the cookie alone; the page itself shows no session.
        return state === "unavailable" ? undefined : state === "active";
      },
    }),
  };
}

/** Deletes a session's record; whether it could (a store that cannot answer is logged). */
async function endRecord(store: SessionStore, sid: string, idpName: string): Promise<boolean> {
  try {
    await store.delete(sid);
    return true;
  } catch (error) {
    console.error(
      `[auth] ${idpName} sign-out: the session store (${store.kind}) could not delete the record: ${(error as Error).message}`,
    );
    return false;
  }
}

/** POST `/api/auth/signout` runs the gallery's sign-out route; everything else is Auth.js's. */
function withGallerySignOut(
  handlers: NextAuthResult["handlers"],
  signOutRoute: (request: Request) => Promise<Response>,
): NextAuthResult["handlers"] {
  const post = (request: NextRequest) =>
    new URL(request.url).pathname.endsWith("/signout")
      ? signOutRoute(request)
      : handlers.POST(request);
  return { GET: handlers.GET, POST: post };
}

/** Auth.js's own API plus the gallery's routes and server-side helpers. */
export interface GalleryAuth extends NextAuthResult, SessionBackend {
  appUrl: string;
  idp: IdpId;
  idpName: string;
  cookieNamespace: string;
  /** How long this app's sessions last. */
  lifetime: SessionLifetime;
  /** Where the sessions' records live. */
  store: SessionStore;
  /** The normalized session, or null when signed out. */
  getSession(): Promise<NormalizedSession | null>;
  /** The IdP's claims (from the ID token / profile), for display. */
  getClaims(): Promise<Record<string, unknown> | null>;
  /** The IdP's tokens for server-side calls (userinfo, SCIM…). Never pass them to a client component. */
  getServerTokens(): Promise<ServerTokens | null>;
  /** The session's access token, for the app's calls to the IdP's APIs; throws when it holds none. */
  getAccessToken(): Promise<string>;
  /** GET `/api/me`. */
  meRoute(): Promise<Response>;
  /** GET `/auth/sign-in?callbackUrl=…`. */
  signInRoute(request: Request): Promise<Response>;
  /** POST `/auth/sign-out`. */
  signOutRoute(request: Request): Promise<Response>;
  /** GET where a credentials IdP sends the browser back (django-sso: `/sso/accept/`). */
  completeSignInRoute(request: Request): Promise<Response>;
  /** Revocations of this app's sessions (when configured), e.g. for an IdP's logout events. */
  revocations: RevocationStore | undefined;
  /** The Next.js proxy that gates every route but `/`, `/api/me` and the auth routes. */
  proxy: NextProxy;
}

export { defaultPaths } from "./auth-settings.ts";
// Server-only building blocks for IdPs signed in through a Credentials provider (django-sso).
export { type BackChannelRouteOptions, createBackChannelRoute } from "./back-channel.ts";
export {
  type CredentialsSignInInput,
  type CredentialsUser,
  type IdpLogout,
  SignInDenied,
  SignInRefused,
  type SignInStart,
} from "./credentials.ts";
export {
  createRevocationStore,
  isRevoked,
  type RevocationStore,
  type RevocationStoreOptions,
} from "./revocation-store.ts";
export { createSessionStore, type SessionStore } from "./session-store.ts";

import type { SessionBackend } from "./session-backend.ts";

export { secretsEqual } from "./secret-compare.ts";
export type { ServerTokens } from "./session-reader.ts";
