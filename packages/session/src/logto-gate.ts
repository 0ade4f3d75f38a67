import { type NextProxy, type NextRequest, NextResponse } from "next/server";
import { describeAuthError } from "./errors.ts";
import { type LogtoSessionStore, SessionStoreUnavailableError } from "./logto-session-store.ts";
import type { TokenRefresher } from "./logto-token-refresh.ts";

/** The Logto app's own routes beside the gallery's shared ones. */
export const logtoPaths = {
  error: "/auth/error",
  refresh: "/auth/refresh",
} as const;

/** The error page's codes the Logto session sends users to. */
export const logtoErrorCodes = {
  /** Logto refused the refresh token: the session is over. */
  sessionEnded: "SessionEnded",
  /** The session store (SQLite or Redis) did not answer: protected pages fail closed. */
  storeUnavailable: "SessionStoreUnavailable",
  /** Logto did not answer when a sign-in started; the app keeps serving. */
  idpUnavailable: "IdpUnavailable",
} as const;

export const logtoErrorUrl = (code: string) =>
  `${logtoPaths.error}?${new URLSearchParams({ error: code })}`;

export interface LogtoGateOptions {
  sessions: LogtoSessionStore;
  refresher: TokenRefresher;
  /** The SDK's cookie, `logto_<appId>`: it carries the session id. */
  cookieName: string;
  appUrl: string;
  idpName: string;
}

/**
 * The Logto app's proxy. A gated page (every page but `/`; routes and APIs answer for themselves)
 * whose tokens are near expiry goes through `/auth/refresh` first, a route handler where the SDK
 * can refresh and store, and comes back; so server components always find fresh tokens and never
 * refresh themselves. A store that does not answer sends gated pages to the error page (fail
 * closed). Signed-out and ended sessions pass: the page itself sends the user to sign in.
 */
export function createLogtoGate(options: LogtoGateOptions): NextProxy {
  const { sessions, refresher, cookieName, appUrl, idpName } = options;
  const redirectTo = (path: string) => NextResponse.redirect(new URL(path, appUrl));

  return async (request) => {
    const { pathname, search } = request.nextUrl;
    if (pathname === logtoPaths.error) return errorPageWithStatus(request, idpName);
    if (!isGatedRequest(request)) return;
    const sessionId = request.cookies.get(cookieName)?.value;
    if (!sessionId) return;
    try {
      const state = await sessions.read(sessionId);
      if (!state || !(await refresher.isDue(state))) return;
    } catch (error) {
      if (!(error instanceof SessionStoreUnavailableError)) throw error;
      console.error(`[logto] ${error.message}`);
      return redirectTo(logtoErrorUrl(logtoErrorCodes.storeUnavailable));
    }
    const query = new URLSearchParams({ returnTo: `${pathname}${search}` });
    return redirectTo(`${logtoPaths.refresh}?${query}`);
  };
}

/** Page loads of anything but the home page; the auth routes, the callback and APIs are not gated. */
export function isGatedRequest(request: Pick<NextRequest, "method" | "nextUrl">): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const { pathname } = request.nextUrl;
  if (pathname === "/" || pathname === "/callback" || pathname === "/favicon.ico") return false;
  return !["/auth/", "/api/", "/_next/"].some((prefix) => pathname.startsWith(prefix));
}

// App Router pages always answer 200; the error page must say 4xx, so the status is set here.
function errorPageWithStatus(request: NextRequest, idpName: string): NextResponse {
  const { status } = describeAuthError(request.nextUrl.searchParams.get("error"), idpName);
  return NextResponse.rewrite(request.nextUrl, { status });
}
