import { type NextRequest, NextResponse } from "next/server";

export interface StaleSessionCheckOptions {
  /** The session cookie's name; Auth.js splits a long session into `<name>.0`, `<name>.1`, …. */
  cookieName: string;
  /** Over https: the cookie is `__Secure-` and must be cleared with the Secure attribute. */
  secure: boolean;
  /**
   * Whether the session these cookies carry is current: it decrypts (cached per cookie value),
   * has not expired and is still in the store. Gets the request's Cookie header; must check the
   * store on every call, so that a sign-out or revocation applies from the very next request.
   * Undefined: the store cannot tell right now, so the cookie is left for later.
   */
  isCurrent(cookieHeader: string): Promise<boolean | undefined>;
}

/** The session cookie and its chunks on this request, the way Auth.js's SessionStore finds them. */
export function sessionCookieNames(request: NextRequest, cookieName: string): string[] {
  return request.cookies
    .getAll()
    .filter((cookie) => cookie.name.startsWith(cookieName))
    .map((cookie) => cookie.name);
}

/**
 * The proxy's check of a revocable session on a public path (`/`, `/api/me`, …), without Auth.js:
 * a current session passes untouched (no re-encryption, no `Set-Cookie`); a revoked, expired or
 * forged one is forgotten, both by this request (the route then sees no session) and by the browser
 * (its cookies cleared). Resolves to undefined when the request goes on as it came.
 */
export function createStaleSessionCheck(options: StaleSessionCheckOptions) {
  const { cookieName, secure } = options;
  return async function forgetStaleSession(
    request: NextRequest,
  ): Promise<NextResponse | undefined> {
    const names = sessionCookieNames(request, cookieName);
    if (names.length === 0) return undefined;
    if ((await options.isCurrent(request.headers.get("cookie") ?? "")) !== false) return undefined;
    for (const name of names) request.cookies.delete(name);
    const response = NextResponse.next({ request: { headers: request.headers } });
    for (const name of names) {
      response.cookies.set(name, "", {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure,
        maxAge: 0,
      });
    }
    return response;
  };
}
