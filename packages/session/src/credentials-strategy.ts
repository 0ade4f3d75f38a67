import type { CredentialsConfig } from "next-auth/providers/credentials";
import type { GallerySettings } from "./auth-settings.ts";
import type { AuthStrategy, JwtCallbackInput, SignedIn, StrategyContext } from "./auth-strategy.ts";
import type { GalleryAuthOptions } from "./authjs.ts";
import { createConsumedTokenStore } from "./consumed-token-store.ts";
import {
  bindCredentialsProvider,
  createCredentialsSignOutRoute,
  credentialsJwt,
  type SignInStart,
} from "./credentials.ts";
import { createCredentialsRoutes } from "./credentials-routes.ts";
import { signInRequestCookie } from "./sign-in-request.ts";

/**
 * Sign-in through an Auth.js Credentials provider for IdPs without OIDC (django-sso, see
 * credentials.ts): the app's own routes start and complete it, bound to the browser by a cookie,
 * and sign-out ends the IdP session over the back channel and revokes the user's other sessions.
 */
export function createCredentialsStrategy(
  provider: CredentialsConfig,
  options: Pick<GalleryAuthOptions, "signInStart" | "idpLogout">,
  settings: GallerySettings,
): AuthStrategy {
  const requestCookie = signInRequestCookie(settings.namespace, settings.secure, settings.secret);
  const consumed = createConsumedTokenStore({ namespace: settings.namespace });
  const bound = bindCredentialsProvider(provider, requestCookie, consumed);

  return {
    kind: "credentials",
    provider: bound,
    tokenAtSignIn: credentialsSessionToken,
    routes(context) {
      // A credentials sign-in starts and completes in the app's own routes instead of Auth.js's.
      const { signInRoute, completeSignInRoute } = createCredentialsRoutes({
        appUrl: settings.appUrl,
        idpName: settings.idpName,
        paths: settings.paths,
        providerId: bound.id,
        cookie: requestCookie,
        start: options.signInStart ?? missingSignInStart,
        signIn: (id, signInOptions) => context.nextAuth.signIn(id, signInOptions),
      });
      const signOutRoute = createCredentialsSignOut(context, settings, options);
      return { signInRoute, completeSignInRoute, signOutRoute };
    },
  };
}

/** The session token right after a credentials sign-in (the user `authorize()` returned). */
function credentialsSessionToken({ token, account, user }: JwtCallbackInput): SignedIn | undefined {
  if (account?.type !== "credentials" || !user) return undefined;
  const { sub, claims, tokens, signedInAt } = credentialsJwt(token, user);
  return { sub, claims: claims ?? {}, tokens: tokens ?? {}, signedInAt: signedInAt ?? Date.now() };
}

/** POST `/auth/sign-out`: the app session, the user's other sessions, then the IdP's session. */
function createCredentialsSignOut(
  context: StrategyContext,
  settings: GallerySettings,
  options: Pick<GalleryAuthOptions, "idpLogout">,
) {
  return createCredentialsSignOutRoute({
    appUrl: settings.appUrl,
    homePath: settings.paths.home,
    getSubject: async () => (await context.getServerTokens())?.subject,
    clearSession: context.clearSession,
    revocations: context.revocations,
    idpLogout: options.idpLogout,
  });
}

// Fails the sign-in, not startup: the sign-in route logs it and shows the IdpUnavailable page.
const missingSignInStart: SignInStart = () =>
  Promise.reject(new Error("a Credentials provider needs signInStart"));
