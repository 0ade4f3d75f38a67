import type { NextProxy } from "next/server";
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
import { createSessionReader, type ServerTokens } from "./session-reader.ts";
import { createSessionRevocations, revocationCheck } from "./session-revocation.ts";
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
  /** How long a session lasts without a new sign-in. */
  sessionMaxAgeSeconds?: number;
  /** How the app signs out at the IdP: RP-initiated logout when discovery has an end_session_endpoint. */
  logout?: LogoutPlan;
  /** Where the shared pages live; the defaults match the apps' file layout. */
  paths?: Partial<typeof defaultPaths>;
  /** Credentials provider: starts sign-in at the IdP (django-sso: obtain, then its login page). */
  signInStart?: SignInStart;
  /** Credentials provider: ends the user's session at the IdP (django-sso: deauthenticate). */
  idpLogout?: IdpLogout;
  /**
   * Server-side revocation of stateless sessions, checked on every session read: Redis when a URL
   * is given (or REDIS_URL is set), else an embedded SQLite file under `dataDir`.
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
  const revocations = createSessionRevocations(settings, options.revocation);
  const keepUnlessRevoked = revocationCheck(revocations);
  const nextAuth = NextAuth(createAuthConfig(settings, strategy, keepUnlessRevoked));
  const session = createSessionReader(settings, keepUnlessRevoked);
  const routes = strategy.routes({
    nextAuth,
    getServerTokens: session.getServerTokens,
    clearSession: async () => {
      await nextAuth.signOut({ redirect: false });
    },
    revocations,
  });

  return {
    ...nextAuth,
    appUrl: settings.appUrl,
    idp: options.idp,
    idpName: options.idpName,
    cookieNamespace: settings.namespace,
    getSession: session.getSession,
    getClaims: session.getClaims,
    getServerTokens: session.getServerTokens,
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
      // Only an app that revokes sessions pays for checking them on public paths.
      isCurrent: revocations
        ? async (cookie) => (await session.currentToken(cookie)) !== null
        : undefined,
    }),
  };
}

/** Auth.js's own API plus the gallery's routes and server-side helpers. */
export interface GalleryAuth extends NextAuthResult, SessionBackend {
  appUrl: string;
  idp: IdpId;
  idpName: string;
  cookieNamespace: string;
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

import type { SessionBackend } from "./session-backend.ts";

export { secretsEqual } from "./secret-compare.ts";
export type { ServerTokens } from "./session-reader.ts";
