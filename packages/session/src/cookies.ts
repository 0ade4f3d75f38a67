/** Cookie kinds Auth.js sets; every one gets a per-app name so apps on other localhost ports never collide. */
export const authCookieKinds = [
  "sessionToken",
  "callbackUrl",
  "csrfToken",
  "pkceCodeVerifier",
  "state",
  "nonce",
] as const;

export type AuthCookieKind = (typeof authCookieKinds)[number];

const suffixes: Record<AuthCookieKind, string> = {
  sessionToken: "session-token",
  callbackUrl: "callback-url",
  csrfToken: "csrf-token",
  pkceCodeVerifier: "pkce.code_verifier",
  state: "state",
  nonce: "nonce",
};

// Flow cookies live only as long as a sign-in round trip through the IdP may take.
const flowMaxAge = 60 * 15;

export interface CookieOptions {
  httpOnly: true;
  sameSite: "lax";
  path: "/";
  secure: boolean;
  maxAge?: number;
}

const appIdPattern = /^[a-z0-9][a-z0-9-]{0,40}$/;

/** The cookie name for one kind: `__Host-`/`__Secure-` prefixed over https, as browsers then enforce. */
export function cookieName(appId: string, kind: AuthCookieKind, secure: boolean): string {
  if (!appIdPattern.test(appId)) throw new Error(`Invalid app id for cookie names: "${appId}"`);
  const prefix = !secure ? "" : kind === "csrfToken" ? "__Host-" : "__Secure-";
  return `${prefix}${appId}.${suffixes[kind]}`;
}

/** Auth.js `cookies` option: per-app names, HttpOnly, SameSite=Lax, Secure over https. */
export function authCookies(appId: string, secure: boolean) {
  const entries = authCookieKinds.map((kind) => {
    const options: CookieOptions = { httpOnly: true, sameSite: "lax", path: "/", secure };
    if (kind === "pkceCodeVerifier" || kind === "state" || kind === "nonce")
      options.maxAge = flowMaxAge;
    return [kind, { name: cookieName(appId, kind, secure), options }] as const;
  });
  return Object.fromEntries(entries) as Record<
    AuthCookieKind,
    { name: string; options: CookieOptions }
  >;
}

/** A cookie namespace per origin: cookies are scoped by host, not port, so the port goes in the name. */
export function cookieNamespace(appId: string, appUrl: string): string {
  const { port } = new URL(appUrl);
  return port ? `idpg-${appId}-${port}` : `idpg-${appId}`;
}
