import { fetchDiscovery } from "@idp-gallery/api-client";
import { safeRedirectPath, sessionFromIdToken } from "@idp-gallery/session";
import { env } from "./env.ts";
import { idp } from "./idp.ts";
import {
  createNodeClient,
  getLogtoContext,
  handleSignIn,
  handleSignInCallback,
  handleSignOut,
} from "./logto-client.ts";

const errorUrl = (code: string) => `/auth/error?error=${code}`;

/** The ID token's claims while it is valid; an expired ID token counts as signed out. */
export async function getClaims() {
  const context = await getLogtoContext();
  if (!context.isAuthenticated || !sessionFromIdToken({ idp: idp.id, claims: context.claims })) {
    return null;
  }
  return context.claims ?? null;
}

/** The normalized session (`/api/me`, the header, the profile card). */
export async function getSession() {
  const context = await getLogtoContext();
  return context.isAuthenticated
    ? sessionFromIdToken({ idp: idp.id, claims: context.claims })
    : null;
}

/** Where the browser goes to start signing in: Logto's authorization URL, or the error page. */
export async function signInUrl(callbackUrl: string | null | undefined): Promise<string> {
  try {
    // The SDK caches discovery across requests; asking Logto first sends a user to the app's error
    // page, not to a dead Logto, when it is down (a bounded wait, then IdpUnavailable).
    await fetchDiscovery({ issuer: `${env.LOGTO_ENDPOINT}/oidc`, timeoutMs: 5000 });
    return await handleSignIn({
      redirectUri: `${env.AUTH_URL}/callback`,
      postRedirectUri: safeRedirectPath(callbackUrl, env.AUTH_URL),
    });
  } catch (error) {
    console.error(`[logto] sign-in could not start: ${(error as Error).message}`);
    return errorUrl("IdpUnavailable");
  }
}

/** Finishes the sign-in at `/callback`; returns where the browser goes next. */
export async function completeSignIn(search: URLSearchParams): Promise<string> {
  if (search.has("error")) return errorUrl("OAuthCallbackError");
  try {
    const next = await handleSignInCallback(`${env.AUTH_URL}/callback?${search}`);
    return safeRedirectPath(next, env.AUTH_URL);
  } catch (error) {
    console.error(`[logto] sign-in callback failed: ${(error as Error).message}`);
    return errorUrl("Configuration");
  }
}

/** Revokes the refresh token, clears the session, and returns Logto's end-session URL. */
export async function signOutUrl(): Promise<string> {
  try {
    return await handleSignOut(`${env.AUTH_URL}/`);
  } catch (error) {
    // Logto unreachable: the local session is gone anyway.
    console.error(`[logto] sign-out could not reach Logto: ${(error as Error).message}`);
    return "/?signed-out=idp-unreachable";
  }
}

/** The server-side Logto client for tokens and userinfo (route handlers and server components). */
export async function nodeClient(options: { ignoreCookieChange?: boolean } = {}) {
  return createNodeClient(options);
}
