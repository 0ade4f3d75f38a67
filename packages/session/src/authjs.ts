import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { type NextProxy, NextResponse } from "next/server";
import NextAuth, { customFetch, type NextAuthConfig, type NextAuthResult } from "next-auth";
import { decode, getToken, type JWT } from "next-auth/jwt";
import type { OIDCConfig } from "next-auth/providers";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { cache } from "react";
import { authCookies, cookieName, cookieNamespace } from "./cookies.ts";
import {
  bindCredentialsProvider,
  createCredentialsSignOutRoute,
  credentialsJwt,
  type IdpLogout,
  isCredentialsProvider,
  type SignInStart,
  unlessRevoked,
} from "./credentials.ts";
import { createCredentialsRoutes } from "./credentials-routes.ts";
import { cachedDecoder } from "./decoded-token-cache.ts";
import { cachingDiscovery, withFreshDiscovery } from "./discovery-cache.ts";
import { describeAuthError } from "./errors.ts";
import { fetchWithTimeout } from "./fetch-with-timeout.ts";
import type { IdpId } from "./idps.ts";
import { createMeHandler } from "./me-handler.ts";
import {
  type IdentityClaims,
  type NormalizedSession,
  normalizeUser,
} from "./normalized-session.ts";
import { flattenOptions } from "./provider-options.ts";
import { safeRedirectPath, safeRedirectUrl } from "./redirect.ts";
import { createRevocationStore, type RevocationStore } from "./revocation-store.ts";
import { signInRequestCookie } from "./sign-in-request.ts";
import { createSignOutRoute, type LogoutPlan } from "./sign-out.ts";
import { createStaleSessionCheck } from "./stale-session.ts";

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

export const defaultPaths = {
  signIn: "/auth/sign-in",
  signOut: "/auth/sign-out",
  error: "/auth/error",
  home: "/",
};

/** The server-only token set kept in the encrypted session cookie; never sent to the browser. */
export interface ServerTokens {
  accessToken?: string;
  idToken?: string;
  refreshToken?: string;
  accessTokenExpiresAt?: number;
  /** The IdP's own handle for the user, for back-channel calls (django-sso's `user_identy`). */
  subject?: string;
}

interface GalleryJwt extends JWT {
  claims?: Record<string, unknown>;
  tokens?: ServerTokens;
  signedInAt?: number;
}

const requireSetting = (value: string | undefined, name: string): string => {
  if (!value)
    throw new Error(
      `${name} is not set. Copy .env.example to .env.local (pnpm install does this).`,
    );
  return value;
};

/**
 * Auth.js v5 with the gallery's secure defaults: per-app cookie names, PKCE + state + nonce, a bounded
 * timeout on every IdP call, same-origin redirects only, tokens kept on the server, sign-in errors on the
 * app's own error page, and the normalized session for `/api/me`.
 */
export function createGalleryAuth(options: GalleryAuthOptions): GalleryAuth {
  const appUrl = new URL(requireSetting(options.appUrl ?? process.env.AUTH_URL, "AUTH_URL")).origin;
  const secret = requireSetting(options.secret ?? process.env.AUTH_SECRET, "AUTH_SECRET");
  const secure = appUrl.startsWith("https:");
  const namespace = cookieNamespace(options.idp, appUrl);
  const paths = { ...defaultPaths, ...options.paths };
  const timeoutMs = options.idpTimeoutMs ?? 8000;
  const credentials = isCredentialsProvider(options.provider) ? options.provider : undefined;
  const oidc = credentials
    ? undefined
    : flattenOptions(options.provider as OIDCConfig<Record<string, unknown>>);
  // A provider's own customFetch (e.g. one trusting the IdP's CA) runs under the timeout; discovery
  // fetched at sign-in is reused by the callback and sign-out.
  const idpFetch = cachingDiscovery(fetchWithTimeout(timeoutMs, oidc?.[customFetch]));
  const sessionMaxAge = options.sessionMaxAgeSeconds ?? 8 * 60 * 60;
  const requestCookie = signInRequestCookie(namespace, secure, secret);
  const revocations = options.revocation
    ? createRevocationStore({ namespace, retentionSeconds: sessionMaxAge, ...options.revocation })
    : undefined;

  const provider = credentials
    ? bindCredentialsProvider(credentials, requestCookie)
    : ({
        checks: ["pkce", "state", "nonce"],
        ...oidc,
        [customFetch]: idpFetch,
      } as OIDCConfig<Record<string, unknown>>);

  const config: NextAuthConfig = {
    providers: [provider],
    secret,
    trustHost: true,
    basePath: "/api/auth",
    cookies: authCookies(namespace, secure),
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: sessionMaxAge },
    pages: { signIn: paths.signIn, error: paths.error },
    callbacks: {
      async jwt({ token, account, profile, user }) {
        if (account?.type === "credentials" && user) return credentialsJwt(token, user);
        if (!account || !profile) return revocations ? unlessRevoked(revocations, token) : token;
        const next: GalleryJwt = {
          ...token,
          sub: typeof profile.sub === "string" ? profile.sub : token.sub,
          claims: profile as Record<string, unknown>,
          // When this session started: a revocation (if the app configures one) compares against it.
          signedInAt: Date.now(),
          tokens: {
            accessToken: account.access_token,
            idToken: account.id_token,
            refreshToken: account.refresh_token,
            accessTokenExpiresAt: account.expires_at,
          },
        };
        return next;
      },
      session({ session, token }) {
        const claims = (token as GalleryJwt).claims ?? {};
        // Only the normalized user and the (non-secret) claims reach the session; tokens never do.
        return {
          expires: session.expires,
          user: normalizeUser(claims as IdentityClaims),
          idp: options.idp,
          claims,
        } as unknown as typeof session;
      },
      redirect({ url }) {
        return safeRedirectUrl(url, appUrl, paths.home);
      },
    },
    logger: {
      // One line per failure: which IdP, which Auth.js error, and the underlying cause.
      error(error) {
        const type = (error as { type?: string }).type ?? error.name;
        const cause = error.cause as { err?: unknown } | undefined;
        const detail = cause?.err instanceof Error ? cause.err : error.cause;
        const reason = detail instanceof Error ? `${detail.message}${causeOf(detail)}` : "";
        console.error(
          `[auth] ${options.idpName}: ${type}: ${error.message}${reason ? ` (${reason})` : ""}`,
        );
      },
    },
  };

  const nextAuth = NextAuth(config);

  const sessionCookie = cookieName(namespace, "sessionToken", secure);

  /**
   * The session token of this request, decoded once (per server render) and checked against the
   * revocation store. Reading it neither re-encrypts nor re-sets the cookie: gated pages do that
   * (their proxy runs Auth.js, which rolls the expiry), so `/` and `/api/me` stay cheap.
   */
  const decodeSession = cachedDecoder((value) =>
    decode<GalleryJwt>({ token: value, secret, salt: sessionCookie }).catch(() => null),
  );
  /** The current session in a Cookie header: decrypted (cached), unexpired, and not revoked. */
  const currentToken = async (cookie: string): Promise<GalleryJwt | null> => {
    const value = await getToken({
      req: { headers: new Headers({ cookie }) },
      secureCookie: secure,
      cookieName: sessionCookie,
      raw: true,
    });
    const token = value ? await decodeSession(value) : null;
    if (!token?.claims) return null;
    return revocations ? unlessRevoked(revocations, token) : token;
  };
  const readToken = cache(
    async (): Promise<GalleryJwt | null> => currentToken((await headers()).get("cookie") ?? ""),
  );

  async function getSession(): Promise<NormalizedSession | null> {
    const token = await readToken();
    if (!token?.claims || typeof token.exp !== "number") return null;
    return {
      idp: options.idp,
      user: normalizeUser(token.claims as IdentityClaims),
      expiresAt: new Date(token.exp * 1000).toISOString(),
    };
  }

  async function getClaims(): Promise<Record<string, unknown> | null> {
    return (await readToken())?.claims ?? null;
  }

  async function getServerTokens(): Promise<ServerTokens | null> {
    return (await readToken())?.tokens ?? null;
  }

  /** GET `/auth/sign-in?callbackUrl=…`: validates the target and goes straight to the IdP. */
  async function signInRoute(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const error = params.get("error");
    if (error) redirect(`${paths.error}?${new URLSearchParams({ error })}`);
    const redirectTo = safeRedirectPath(params.get("callbackUrl"), appUrl, paths.home);
    try {
      await withFreshDiscovery(() => nextAuth.signIn(provider.id, { redirectTo }));
    } catch (cause) {
      unstable_rethrow(cause);
      console.error(`[auth] could not start sign-in with ${options.idpName}:`, cause);
      redirect(`${paths.error}?error=IdpUnavailable`);
    }
    return new Response(null, { status: 204 });
  }

  const clearSession = async () => {
    await nextAuth.signOut({ redirect: false });
  };
  const signOutRoute = oidc
    ? createSignOutRoute({
        appUrl,
        homePath: paths.home,
        issuer: requireSetting(oidc.issuer, "the provider's issuer"),
        clientId: requireSetting(oidc.clientId, "the provider's clientId"),
        logout: options.logout ?? "rp-initiated-if-supported",
        // Fresh, so a down IdP is noticed here rather than in the browser after the redirect.
        fetch: (input, init) => withFreshDiscovery(() => idpFetch(input, init)),
        getIdToken: async () => (await getServerTokens())?.idToken,
        clearSession,
      })
    : createCredentialsSignOutRoute({
        appUrl,
        homePath: paths.home,
        getSubject: async () => (await getServerTokens())?.subject,
        clearSession,
        revocations,
        idpLogout: options.idpLogout,
      });

  // A credentials sign-in starts and completes in the app's own routes instead of Auth.js's.
  const credentialsRoutes = credentials
    ? createCredentialsRoutes({
        appUrl,
        idpName: options.idpName,
        paths,
        providerId: provider.id,
        cookie: requestCookie,
        start:
          options.signInStart ??
          (() => Promise.reject(new Error("a Credentials provider needs signInStart"))),
        signIn: (id, signInOptions) => nextAuth.signIn(id, signInOptions),
      })
    : undefined;

  /** Auth.js in the proxy, for private paths: rolls the session's expiry, clears revoked sessions. */
  const gate = nextAuth.auth((request): Response | undefined => {
    const { pathname, search } = request.nextUrl;
    if (request.auth) return;
    const target = new URL(paths.signIn, appUrl);
    target.searchParams.set("callbackUrl", `${pathname}${search}`);
    return Response.redirect(target);
  }) as unknown as NextProxy;

  /** A revoked, expired or forged session on a public path: cleared without Auth.js. */
  const forgetStaleSession = revocations
    ? createStaleSessionCheck({
        cookieName: sessionCookie,
        secure,
        isCurrent: async (cookie) => (await currentToken(cookie)) !== null,
      })
    : undefined;

  /**
   * The proxy. Public paths skip Auth.js (no re-encryption, no cookies set). When the app revokes
   * sessions, a session riding along on a public path is checked here (decoded once per cookie
   * value, looked up in the store on every request) and cleared when it is no longer current.
   * Private paths go through Auth.js, which also rolls the session's expiry.
   */
  const proxy: NextProxy = (request, event) => {
    const { pathname, searchParams } = request.nextUrl;
    if (pathname === paths.error) {
      // App Router pages always answer 200; the error page must say 4xx, so the status is set here.
      const { status } = describeAuthError(searchParams.get("error"), options.idpName);
      return NextResponse.rewrite(request.nextUrl, { status });
    }
    if (!isPublicPath(pathname, paths, options.publicPaths)) return gate(request, event);
    return forgetStaleSession?.(request);
  };

  return {
    ...nextAuth,
    appUrl,
    idp: options.idp,
    idpName: options.idpName,
    cookieNamespace: namespace,
    getSession,
    getClaims,
    getServerTokens,
    meRoute: createMeHandler(getSession),
    signInRoute: credentialsRoutes?.signInRoute ?? signInRoute,
    completeSignInRoute:
      credentialsRoutes?.completeSignInRoute ??
      (async () => Response.json({ error: "not a credentials sign-in" }, { status: 404 })),
    signOutRoute,
    revocations,
    proxy,
  };
}

/** Auth.js's own API plus the gallery's routes and server-side helpers. */
export interface GalleryAuth extends NextAuthResult {
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

function isPublicPath(
  pathname: string,
  paths: typeof defaultPaths,
  extraPrefixes: string[] = [],
): boolean {
  if (pathname === paths.home || pathname === "/api/me" || pathname === "/api/health") return true;
  const publicPrefixes = ["/api/auth/", "/auth/", "/_next/", ...extraPrefixes];
  return (
    publicPrefixes.some((prefix) => pathname.startsWith(prefix)) || pathname === "/favicon.ico"
  );
}

function causeOf(error: Error): string {
  return error.cause instanceof Error ? `: ${error.cause.message}` : "";
}

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
export { secretsEqual } from "./secret-compare.ts";
