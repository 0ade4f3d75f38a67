import { fetchDiscovery } from "@idp-gallery/api-client/oidc";
import type { LogtoNextConfig } from "@logto/next";
import LogtoClient, { getLogtoContext, signIn, signOut } from "@logto/next/server-actions";
import { cookies } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import type { NextProxy } from "next/server";
import { cache } from "react";
import type { IdpId } from "./idps.ts";
import { createLogtoGate, logtoErrorCodes, logtoErrorUrl } from "./logto-gate.ts";
import { type LogtoSessionStore, SessionStoreUnavailableError } from "./logto-session-store.ts";
import {
  createTokenRefresher,
  type RefreshOutcome,
  type TokenRefresher,
  type TokenTarget,
} from "./logto-token-refresh.ts";
import { createMeHandler } from "./me-handler.ts";
import { type NormalizedSession, normalizeSession } from "./normalized-session.ts";
import { safeRedirectPath } from "./redirect.ts";
import type { SessionBackend, SessionDetails } from "./session-backend.ts";

export interface LogtoSessionOptions {
  idp: IdpId;
  idpName: string;
  /** The config every `@logto/next/server-actions` call takes; its `sessionWrapper` is `sessions.wrapper`. */
  config: LogtoNextConfig;
  /** Where the sessions live (`createLogtoSessionStore`): SQLite by default, Redis when configured. */
  sessions: LogtoSessionStore;
  /** The API resource and organization tokens the app's pages use, from the ID token claims. */
  tokens?: (claims: Record<string, unknown>) => TokenTarget[];
  /** Refresh a gated page's tokens once one has fewer seconds left than this (default 60). */
  refreshMarginSeconds?: number;
  /** Upper bound for the reachability check before a sign-in starts. */
  idpTimeoutMs?: number;
}

/** The Logto session through `@logto/next/server-actions`, plus its redirect URI's and refresh routes. */
export interface LogtoSession extends SessionBackend {
  idp: IdpId;
  idpName: string;
  config: LogtoNextConfig;
  sessions: LogtoSessionStore;
  refresher: TokenRefresher;
  /** GET `/callback` (Logto's redirect URI): stores the session and goes where the sign-in started. */
  callbackRoute(request: Request): Promise<Response>;
  /** GET `/auth/refresh?returnTo=…`: refreshes the tokens through the SDK, then goes back. */
  refreshRoute(request: Request): Promise<Response>;
}

/**
 * The gallery's routes on Logto's official Next.js SDK: `signIn`, `signOut`, `getLogtoContext` and the
 * SDK client's `handleSignInCallback` / `getAccessToken` from `@logto/next/server-actions`, as Logto's
 * App Router guide calls them. The session lives server-side (`createLogtoSessionStore`), the SDK's
 * cookie (`logto_<appId>`) holding only its id; it lasts as long as the refresh token works, within
 * the gallery's idle timeout and absolute lifetime.
 */
export function createLogtoSession(options: LogtoSessionOptions): LogtoSession {
  const { config, idp, idpName, sessions } = options;
  if (config.sessionWrapper !== sessions.wrapper) {
    throw new Error("The Logto config's sessionWrapper must be the session store's wrapper.");
  }
  const appUrl = new URL(config.baseUrl).origin;
  const redirectUri = `${appUrl}/callback`;
  const timeoutMs = options.idpTimeoutMs ?? 5000;
  const cookieName = `logto_${config.appId}`;
  const refresher = createTokenRefresher({
    sessions,
    tokens: options.tokens,
    marginSeconds: options.refreshMarginSeconds,
  });
  const openClient = () => new LogtoClient(config).createNodeClient();

  const sessionId = async () => (await cookies()).get(cookieName)?.value ?? "";
  // One read of the session (and its SDK context) per server render.
  const readState = cache(async () => sessions.read(await sessionId()));
  const readContext = cache(() => getLogtoContext(config));

  // A store that does not answer reads as signed out on public pages; gated pages fail in the proxy.
  async function signedInContext() {
    try {
      const [state, context] = await Promise.all([readState(), readContext()]);
      return state && context.isAuthenticated && context.claims ? { state, context } : null;
    } catch (error) {
      if (!(error instanceof SessionStoreUnavailableError)) throw error;
      console.error(`[logto] ${error.message}`);
      return null;
    }
  }

  async function getSession(): Promise<NormalizedSession | null> {
    const signedIn = await signedInContext();
    if (!signedIn?.context.claims) return null;
    try {
      // The session's own end, not the ID token's: the session outlives its tokens through refresh.
      const expiresAt = new Date(signedIn.state.endsAt);
      return normalizeSession({ idp, claims: signedIn.context.claims, expiresAt });
    } catch {
      // A token without a subject is no session.
      return null;
    }
  }

  async function getClaims(): Promise<Record<string, unknown> | null> {
    return (await signedInContext())?.context.claims ?? null;
  }

  async function getSessionDetails(): Promise<SessionDetails | null> {
    const signedIn = await signedInContext();
    if (!signedIn) return null;
    const { signedInAt, data } = signedIn.state;
    const { absoluteSeconds, idleSeconds } = sessions.lifetime;
    return {
      signedInAt: new Date(signedInAt).toISOString(),
      endsAt: new Date(signedInAt + absoluteSeconds * 1000).toISOString(),
      idleSeconds,
      refreshable: Boolean(data.refreshToken),
    };
  }

  async function signInRoute(request: Request): Promise<Response> {
    const callbackUrl = new URL(request.url).searchParams.get("callbackUrl");
    const postRedirectUri = `${appUrl}${safeRedirectPath(callbackUrl, appUrl)}`;
    try {
      // The SDK's discovery has no timeout: asking first sends a user to the app's error page, not
      // to a dead Logto, when it is down.
      await fetchDiscovery({ issuer: `${config.endpoint}/oidc`, timeoutMs });
      await signIn(config, { redirectUri, postRedirectUri });
    } catch (error) {
      unstable_rethrow(error);
      console.error(`[logto] sign-in with ${idpName} could not start: ${messageOf(error)}`);
      redirect(logtoErrorUrl(storeFailureOr(error, logtoErrorCodes.idpUnavailable)));
    }
    return new Response(null, { status: 204 });
  }

  async function callbackRoute(request: Request): Promise<Response> {
    const search = new URL(request.url).searchParams;
    if (search.has("error")) redirect(logtoErrorUrl("OAuthCallbackError"));
    let postRedirectUri: string | undefined;
    try {
      postRedirectUri = await new LogtoClient(config).handleSignInCallback(
        `${redirectUri}?${search}`,
      );
    } catch (error) {
      unstable_rethrow(error);
      console.error(`[logto] sign-in callback from ${idpName} failed: ${messageOf(error)}`);
      redirect(logtoErrorUrl(storeFailureOr(error, "Configuration")));
    }
    await fetchPageTokensAfterSignIn();
    // No postRedirectUri was stored (a sign-in started elsewhere): home.
    redirect(postRedirectUri ?? "/");
  }

  // Here, where the SDK can write: the first page after sign-in then finds every token it needs.
  async function fetchPageTokensAfterSignIn() {
    try {
      await refresher.fetchPageTokens(await openClient());
    } catch (error) {
      console.error(`[logto] tokens after sign-in could not be fetched: ${messageOf(error)}`);
    }
  }

  async function refreshRoute(request: Request): Promise<Response> {
    const returnTo = safeRedirectPath(new URL(request.url).searchParams.get("returnTo"), appUrl);
    let outcome: RefreshOutcome;
    try {
      outcome = await refresher.refresh(await sessionId(), openClient);
    } catch (error) {
      unstable_rethrow(error);
      console.error(`[logto] token refresh with ${idpName} failed: ${messageOf(error)}`);
      redirect(logtoErrorUrl(storeFailureOr(error, logtoErrorCodes.idpUnavailable)));
    }
    if (outcome === "refused") redirect(logtoErrorUrl(logtoErrorCodes.sessionEnded));
    // Logto not answering keeps the session: back to the page, as the Auth.js apps do.
    redirect(returnTo);
  }

  async function signOutRoute(): Promise<Response> {
    try {
      // Revokes the refresh token, deletes the session, then Logto's end-session page.
      await signOut(config, `${appUrl}/`);
    } catch (error) {
      unstable_rethrow(error);
      console.error(`[logto] sign-out through ${idpName} failed: ${messageOf(error)}`);
    }
    // Reached only when the SDK's sign-out failed: the app's session still ends here.
    redirect(`/?signed-out=${await endSessionLocally()}`);
  }

  async function endSessionLocally(): Promise<"idp-unreachable" | "local"> {
    try {
      // Logto unreachable before the SDK cleared anything: deletes the session in the store.
      await (await openClient()).clearAllTokens();
      return "idp-unreachable";
    } catch (error) {
      // The store is down too: the browser forgets the id; the entry expires with its TTL.
      console.error(`[logto] the session could not be deleted: ${messageOf(error)}`);
      (await cookies()).delete(cookieName);
      return "local";
    }
  }

  const proxy: NextProxy = createLogtoGate({ sessions, refresher, cookieName, appUrl, idpName });

  return {
    idp,
    idpName,
    config,
    sessions,
    refresher,
    getSession,
    getClaims,
    getSessionDetails,
    meRoute: createMeHandler(getSession),
    signInRoute,
    callbackRoute,
    refreshRoute,
    signOutRoute,
    proxy,
  };
}

function storeFailureOr(error: unknown, code: string): string {
  return error instanceof SessionStoreUnavailableError ? logtoErrorCodes.storeUnavailable : code;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export { logtoErrorCodes, logtoPaths } from "./logto-gate.ts";
export {
  createLogtoSessionStore,
  type LogtoSessionState,
  type LogtoSessionStore,
  type LogtoSessionStoreOptions,
  SessionStoreUnavailableError,
} from "./logto-session-store.ts";
export type { RefreshOutcome, TokenTarget } from "./logto-token-refresh.ts";
