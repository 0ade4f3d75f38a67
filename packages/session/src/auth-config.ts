import type { NextAuthConfig } from "next-auth";
import type { GallerySettings } from "./auth-settings.ts";
import type { AuthStrategy } from "./auth-strategy.ts";
import { authCookies } from "./cookies.ts";
import { type IdentityClaims, normalizeUser } from "./normalized-session.ts";
import { safeRedirectUrl } from "./redirect.ts";
import type { GalleryJwt } from "./session-reader.ts";
import type { RevocationCheck } from "./session-revocation.ts";

/** The Auth.js config both strategies share; only the provider and the sign-in token differ. */
export function createAuthConfig(
  settings: GallerySettings,
  strategy: AuthStrategy,
  keepUnlessRevoked: RevocationCheck,
): NextAuthConfig {
  const { appUrl, secret, secure, namespace, paths } = settings;
  return {
    providers: [strategy.provider],
    secret,
    trustHost: true,
    basePath: "/api/auth",
    cookies: authCookies(namespace, secure),
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: settings.sessionMaxAgeSeconds },
    pages: { signIn: paths.signIn, error: paths.error },
    callbacks: {
      async jwt(input) {
        // A sign-in writes a fresh token; every later read checks the existing one.
        return strategy.tokenAtSignIn(input) ?? keepUnlessRevoked(input.token);
      },
      session({ session, token }) {
        const claims = (token as GalleryJwt).claims ?? {};
        // Only the normalized user and the (non-secret) claims reach the session; tokens never do.
        return {
          expires: session.expires,
          user: normalizeUser(claims as IdentityClaims),
          idp: settings.idp,
          claims,
        } as unknown as typeof session;
      },
      redirect({ url }) {
        return safeRedirectUrl(url, appUrl, paths.home);
      },
    },
    logger: { error: logAuthError(settings.idpName) },
  };
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
