import { type NextProxy, type NextRequest, NextResponse } from "next/server";
import type { NextAuthResult } from "next-auth";
import type { GalleryPaths, GallerySettings } from "./auth-settings.ts";
import { describeAuthError } from "./errors.ts";
import { createStaleSessionCheck, sessionCookieNames } from "./stale-session.ts";

export interface GalleryProxyOptions {
  nextAuth: Pick<NextAuthResult, "auth">;
  /** More path prefixes let through without a session. */
  publicPaths?: string[];
  /** Whether the session in a Cookie header is still current (checked in the session store). */
  isCurrent?: (cookie: string) => Promise<boolean | undefined>;
}

/**
 * The proxy. Public paths skip Auth.js (no re-encryption, no cookies set). A session riding along
 * on a public path is checked here (decoded once per cookie value, looked up in the store on every
 * request) and cleared when it is no longer current. Private paths go through Auth.js, which also
 * rolls the session's idle expiry.
 */
export function createGalleryProxy(
  settings: GallerySettings,
  options: GalleryProxyOptions,
): NextProxy {
  const { paths } = settings;
  const gate = createSignInGate(settings, options.nextAuth);
  /** A revoked, expired or forged session on a public path: cleared without Auth.js. */
  const forgetStaleSession = options.isCurrent
    ? createStaleSessionCheck({
        cookieName: settings.sessionCookie,
        secure: settings.secure,
        isCurrent: options.isCurrent,
      })
    : undefined;

  return (request, event) => {
    const { pathname } = request.nextUrl;
    if (pathname === paths.error) return errorPageWithStatus(request, settings.idpName);
    if (!isPublicPath(pathname, paths, options.publicPaths)) return gate(request, event);
    return forgetStaleSession?.(request);
  };
}

/**
 * Auth.js in the proxy, for private paths: rolls the idle expiry, refreshes tokens when due, and
 * clears ended sessions. A session that ended on the server (signed out elsewhere, revoked, past
 * its lifetime, refresh refused) gets the app's sentence; no session at all goes to sign-in.
 */
function createSignInGate(
  settings: GallerySettings,
  nextAuth: Pick<NextAuthResult, "auth">,
): NextProxy {
  const errorPage = (code: string) =>
    Response.redirect(new URL(`${settings.paths.error}?error=${code}`, settings.appUrl));
  return nextAuth.auth((request): Response | undefined => {
    const { pathname, search } = request.nextUrl;
    const auth = request.auth as { unavailable?: boolean } | null;
    // Fail closed while the store cannot say whether the session still holds; it is kept for later.
    if (auth?.unavailable) return errorPage("SessionStoreUnavailable");
    if (auth) return;
    if (sessionCookieNames(request, settings.sessionCookie).length > 0) {
      return errorPage("SessionEnded");
    }
    const target = new URL(settings.paths.signIn, settings.appUrl);
    target.searchParams.set("callbackUrl", `${pathname}${search}`);
    return Response.redirect(target);
  }) as unknown as NextProxy;
}

// App Router pages always answer 200; the error page must say 4xx, so the status is set here.
function errorPageWithStatus(request: NextRequest, idpName: string): NextResponse {
  const { status } = describeAuthError(request.nextUrl.searchParams.get("error"), idpName);
  return NextResponse.rewrite(request.nextUrl, { status });
}

/** `/`, `/api/me`, `/api/health`, the auth routes, Next.js's assets and the app's own prefixes. */
export function isPublicPath(
  pathname: string,
  paths: GalleryPaths,
  extraPrefixes: string[] = [],
): boolean {
  if (pathname === paths.home || pathname === "/api/me" || pathname === "/api/health") return true;
  const publicPrefixes = ["/api/auth/", "/auth/", "/_next/", ...extraPrefixes];
  return (
    publicPrefixes.some((prefix) => underPrefix(pathname, prefix)) || pathname === "/favicon.ico"
  );
}

// Whole segments only: `/bind` covers `/bind` and `/bind/...`, never `/bindings`.
function underPrefix(pathname: string, prefix: string): boolean {
  if (prefix.endsWith("/")) return pathname.startsWith(prefix);
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}
