import { type NextProxy, type NextRequest, NextResponse } from "next/server";
import type { NextAuthResult } from "next-auth";
import type { GalleryPaths, GallerySettings } from "./auth-settings.ts";
import { describeAuthError } from "./errors.ts";
import { createStaleSessionCheck } from "./stale-session.ts";

export interface GalleryProxyOptions {
  nextAuth: Pick<NextAuthResult, "auth">;
  /** More path prefixes let through without a session. */
  publicPaths?: string[];
  /** Set when the app revokes sessions: whether the session in a Cookie header is still current. */
  isCurrent?: (cookie: string) => Promise<boolean>;
}

/**
 * The proxy. Public paths skip Auth.js (no re-encryption, no cookies set). When the app revokes
 * sessions, a session riding along on a public path is checked here (decoded once per cookie
 * value, looked up in the store on every request) and cleared when it is no longer current.
 * Private paths go through Auth.js, which also rolls the session's expiry.
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

/** Auth.js in the proxy, for private paths: rolls the session's expiry, clears revoked sessions. */
function createSignInGate(
  settings: GallerySettings,
  nextAuth: Pick<NextAuthResult, "auth">,
): NextProxy {
  return nextAuth.auth((request): Response | undefined => {
    const { pathname, search } = request.nextUrl;
    if (request.auth) return;
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
    publicPrefixes.some((prefix) => pathname.startsWith(prefix)) || pathname === "/favicon.ico"
  );
}
