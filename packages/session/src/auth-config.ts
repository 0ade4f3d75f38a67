import type { NextAuthConfig } from "next-auth";
import type { GallerySettings } from "./auth-settings.ts";
import type { AuthStrategy, SignedIn } from "./auth-strategy.ts";
import { authCookies } from "./cookies.ts";
import { type IdentityClaims, type NormalizedUser, normalizeUser } from "./normalized-session.ts";
import { safeRedirectUrl } from "./redirect.ts";
import type { ServerSessions } from "./server-sessions.ts";
import type { SessionLifecycle } from "./session-lifecycle.ts";
import type { GalleryJwt } from "./session-reader.ts";

/** What the shared Auth.js config needs besides the settings and the strategy. */
export interface AuthConfigDeps {
  sessions: ServerSessions;
  lifecycle: SessionLifecycle;
}

/** The Auth.js config both strategies share; only the provider and the sign-in token differ. */
export function createAuthConfig(
  settings: GallerySettings,
  strategy: AuthStrategy,
  deps: AuthConfigDeps,
): NextAuthConfig {
  const { appUrl, secret, secure, namespace, paths } = settings;
  return {
    providers: [strategy.provider],
    secret,
    trustHost: true,
    basePath: "/api/auth",
    cookies: authCookies(namespace, secure),
    useSecureCookies: secure,
    // The cookie's max age is the idle timeout: every gated request rolls it.
    session: { strategy: "jwt", maxAge: settings.lifetime.idleSeconds },
    pages: { signIn: paths.signIn, error: paths.error },
    callbacks: {
      async jwt(input) {
        // A sign-in stores a fresh record; every later read checks the session it names.
        const signedIn = strategy.tokenAtSignIn(input);
        if (signedIn) return startSession(deps.sessions, signedIn);
        return keepIfCurrent(deps.lifecycle, input.token as GalleryJwt);
      },
      session({ session, token }) {
        const { user, unavailable } = token as GalleryJwt;
        // Only the normalized user reaches Auth.js's session; claims and tokens stay in the store.
        return {
          expires: session.expires,
          user,
          idp: settings.idp,
          ...(unavailable ? { unavailable: true } : {}),
        } as unknown as typeof session;
      },
      redirect({ url }) {
        return safeRedirectUrl(url, appUrl, paths.home);
      },
    },
    logger: { error: logAuthError(settings.idpName) },
  };
}

// Display fields are capped, so an IdP's huge name or email cannot blow up the cookie.
const MAX_DISPLAY_CHARS = 256;
const capped = (user: NormalizedUser): NormalizedUser => ({
  id: user.id.slice(0, MAX_DISPLAY_CHARS),
  name: user.name.slice(0, MAX_DISPLAY_CHARS),
  email: user.email.slice(0, MAX_DISPLAY_CHARS),
});

/** Claims and tokens go to the session store; the cookie carries the record's id and the user. */
async function startSession(sessions: ServerSessions, signedIn: SignedIn): Promise<GalleryJwt> {
  const { claims, tokens, signedInAt } = signedIn;
  const sid = await sessions.begin({ claims, tokens, signedInAt });
  return {
    sub: signedIn.sub,
    sid,
    signedInAt,
    user: capped(normalizeUser(claims as IdentityClaims)),
  };
}

/**
 * The token again while its session is active; null (Auth.js then clears the cookie) once it has
 * ended; marked `unavailable` while the store cannot answer, so the gate refuses without signing
 * the user out.
 */
async function keepIfCurrent(
  lifecycle: SessionLifecycle,
  token: GalleryJwt,
): Promise<GalleryJwt | null> {
  const { unavailable: _ignored, ...handle } = token;
  const current = await lifecycle.current(handle);
  if (current.state === "active") return handle;
  if (current.state === "unavailable") return { ...handle, unavailable: true };
  return null;
}

/** One line per failure: which IdP, which Auth.js error, and the underlying cause. */
function logAuthError(idpName: string) {
  return (error: Error) => {
    const type = (error as { type?: string }).type ?? error.name;
    const cause = error.cause as { err?: unknown } | undefined;
    const detail = cause?.err instanceof Error ? cause.err : error.cause;
    const reason = detail instanceof Error ? `${detail.message}${causeOf(detail)}` : "";
    console.error(`[auth] ${idpName}: ${type}: ${error.message}${reason ? ` (${reason})` : ""}`);
  };
}

function causeOf(error: Error): string {
  return error.cause instanceof Error ? `: ${error.cause.message}` : "";
}
