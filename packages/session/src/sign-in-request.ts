import { decode, encode } from "next-auth/jwt";
import { cachedDecoder } from "./decoded-token-cache.ts";

/** A sign-in started at the IdP by this browser: the IdP's request handle and where to go after. */
export interface SignInRequest {
  /** The IdP's handle for this sign-in (django-sso's authentication-request token). */
  state: string;
  /** A path on the app's origin, already checked. */
  redirectTo: string;
}

// Long enough to type a password at the IdP, short enough that a stolen cookie is soon useless.
export const SIGN_IN_REQUEST_MAX_AGE = 10 * 60;

export interface SignInRequestCookie {
  name: string;
  options: {
    httpOnly: true;
    sameSite: "lax";
    path: "/";
    secure: boolean;
    maxAge: number;
  };
  /** The encrypted cookie value binding `request` to this browser. */
  seal(request: SignInRequest): Promise<string>;
  /** The request bound to this browser, or null when the cookie is missing, forged or expired. */
  read(cookieHeader: string | null): Promise<SignInRequest | null>;
}

/**
 * The cookie that binds a credentials sign-in to the browser that started it: per-app name,
 * HttpOnly, SameSite=Lax (it must come back on the IdP's top-level redirect), `__Host-` over https,
 * encrypted with the app's secret like Auth.js's own state cookies, and valid for ten minutes.
 */
export function signInRequestCookie(
  namespace: string,
  secure: boolean,
  secret: string,
): SignInRequestCookie {
  const name = `${secure ? "__Host-" : ""}${namespace}.sign-in-request`;
  // The return route reads the cookie, then the Credentials provider's authorize() reads it again in
  // the same request: one decryption. Entries past their `exp` are never served.
  const decodeRequest = cachedDecoder(
    (value) => decode({ token: value, secret, salt: name }).catch(() => null),
    100,
  );
  return {
    name,
    options: {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure,
      maxAge: SIGN_IN_REQUEST_MAX_AGE,
    },
    seal: (request) =>
      encode({
        token: { state: request.state, redirectTo: request.redirectTo },
        secret,
        salt: name,
        maxAge: SIGN_IN_REQUEST_MAX_AGE,
      }),
    async read(cookieHeader) {
      const value = readCookie(cookieHeader, name);
      if (!value) return null;
      const payload = await decodeRequest(value);
      const { state, redirectTo } = (payload ?? {}) as Record<string, unknown>;
      if (typeof state !== "string" || !state || typeof redirectTo !== "string") return null;
      return { state, redirectTo };
    },
  };
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}
