import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { type NextProxy, NextResponse } from "next/server";
import NextAuth, { customFetch, type NextAuthConfig, type NextAuthResult } from "next-auth";
import { getToken, type JWT } from "next-auth/jwt";
import type { OIDCConfig } from "next-auth/providers";
import { authCookies, cookieName, cookieNamespace } from "./cookies.ts";
import { describeAuthError } from "./errors.ts";
import { fetchWithTimeout } from "./fetch-with-timeout.ts";
import type { IdpId } from "./idps.ts";
import { createMeHandler } from "./me-handler.ts";
import {
  type IdentityClaims,
  type NormalizedSession,
  normalizeUser,
} from "./normalized-session.ts";
import { safeRedirectPath, safeRedirectUrl } from "./redirect.ts";
import { createSignOutRoute, type LogoutPlan } from "./sign-out.ts";

export interface GalleryAuthOptions {
  /** Which gallery IdP this app signs in with; names the session and the cookies. */
  idp: IdpId;
  /** Human name of the IdP, used in error pages and messages. */
  idpName: string;
  /** The Auth.js OIDC provider, with its clientId, clientSecret and issuer. */
  provider: OIDCConfig<Record<string, unknown>>;
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
}

interface GalleryJwt extends JWT {
  claims?: Record<string, unknown>;
  tokens?: ServerTokens;
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
  const idpFetch = fetchWithTimeout(timeoutMs);

  const provider = {
    checks: ["pkce", "state", "nonce"],
    ...options.provider,
    [customFetch]: idpFetch,
  } satisfies OIDCConfig<Record<string, unknown>>;

  const config: NextAuthConfig = {
    providers: [provider],
    secret,
    trustHost: true,
    basePath: "/api/auth",
    cookies: authCookies(namespace, secure),
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: options.sessionMaxAgeSeconds ?? 8 * 60 * 60 },
    pages: { signIn: paths.signIn, error: paths.error },
    callbacks: {
      jwt({ token, account, profile }) {
        if (!account || !profile) return token;
        const next: GalleryJwt = {
          ...token,
          sub: typeof profile.sub === "string" ? profile.sub : token.sub,
          claims: profile as Record<string, unknown>,
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

  async function getSession(): Promise<NormalizedSession | null> {
    const session = (await nextAuth.auth()) as {
      expires: string;
      user?: NormalizedSession["user"];
    } | null;
    if (!session?.user?.id) return null;
    return {
      idp: options.idp,
      user: session.user,
      expiresAt: new Date(session.expires).toISOString(),
    };
  }

  async function getClaims(): Promise<Record<string, unknown> | null> {
    const session = (await nextAuth.auth()) as { claims?: Record<string, unknown> } | null;
    return session?.claims ?? null;
  }

  async function getServerTokens(): Promise<ServerTokens | null> {
    const cookie = (await headers()).get("cookie") ?? "";
    const name = cookieName(namespace, "sessionToken", secure);
    const jwt = (await getToken({
      req: { headers: new Headers({ cookie }) },
      secret,
      secureCookie: secure,
      cookieName: name,
      salt: name,
    })) as GalleryJwt | null;
    return jwt?.tokens ?? null;
  }

  /** GET `/auth/sign-in?callbackUrl=…`: validates the target and goes straight to the IdP. */
  async function signInRoute(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const error = params.get("error");
    if (error) redirect(`${paths.error}?${new URLSearchParams({ error })}`);
    const redirectTo = safeRedirectPath(params.get("callbackUrl"), appUrl, paths.home);
    try {
      await nextAuth.signIn(provider.id, { redirectTo });
    } catch (cause) {
      unstable_rethrow(cause);
      console.error(`[auth] could not start sign-in with ${options.idpName}:`, cause);
      redirect(`${paths.error}?error=IdpUnavailable`);
    }
    return new Response(null, { status: 204 });
  }

  const signOutRoute = createSignOutRoute({
    appUrl,
    homePath: paths.home,
    issuer: requireSetting(provider.issuer, "the provider's issuer"),
    clientId: requireSetting(provider.clientId, "the provider's clientId"),
    logout: options.logout ?? "rp-initiated-if-supported",
    fetch: idpFetch,
    getIdToken: async () => (await getServerTokens())?.idToken,
    clearSession: async () => {
      await nextAuth.signOut({ redirect: false });
    },
  });

  /** The proxy gate: everything but the public paths needs a session; others go through sign-in. */
  const proxy = nextAuth.auth((request): Response | undefined => {
    const { pathname, search, searchParams } = request.nextUrl;
    if (pathname === paths.error) {
      // App Router pages always answer 200; the error page must say 4xx, so the status is set here.
      const { status } = describeAuthError(searchParams.get("error"), options.idpName);
      return NextResponse.rewrite(request.nextUrl, { status });
    }
    if (request.auth || isPublicPath(pathname, paths)) return;
    const target = new URL(paths.signIn, appUrl);
    target.searchParams.set("callbackUrl", `${pathname}${search}`);
    return Response.redirect(target);
  });

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
    signInRoute,
    signOutRoute,
    proxy: proxy as unknown as NextProxy,
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
  /** The Next.js proxy that gates every route but `/`, `/api/me` and the auth routes. */
  proxy: NextProxy;
}

function isPublicPath(pathname: string, paths: typeof defaultPaths): boolean {
  if (pathname === paths.home || pathname === "/api/me" || pathname === "/api/health") return true;
  const publicPrefixes = ["/api/auth/", "/auth/", "/_next/"];
  return (
    publicPrefixes.some((prefix) => pathname.startsWith(prefix)) || pathname === "/favicon.ico"
  );
}

function causeOf(error: Error): string {
  return error.cause instanceof Error ? `: ${error.cause.message}` : "";
}
