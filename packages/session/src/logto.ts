import { fetchDiscovery } from "@idp-gallery/api-client/oidc";
import type { LogtoNextConfig } from "@logto/next";
import LogtoClient, {
  getLogtoContext,
  handleSignIn,
  signIn,
  signOut,
} from "@logto/next/server-actions";
import { redirect, unstable_rethrow } from "next/navigation";
import { type NextProxy, NextResponse } from "next/server";
import { cache } from "react";
import { describeAuthError } from "./errors.ts";
import { sessionFromIdToken } from "./id-token-session.ts";
import type { IdpId } from "./idps.ts";
import { createMeHandler } from "./me-handler.ts";
import type { NormalizedSession } from "./normalized-session.ts";
import { safeRedirectPath } from "./redirect.ts";
import type { SessionBackend } from "./session-backend.ts";

export interface LogtoSessionOptions {
  idp: IdpId;
  idpName: string;
  /** The config every `@logto/next/server-actions` call takes, as in Logto's Next.js guide. */
  config: LogtoNextConfig;
  /** Upper bound for the reachability check before a sign-in starts. */
  idpTimeoutMs?: number;
}

/** The Logto session through `@logto/next/server-actions`, plus its redirect URI's route. */
export interface LogtoSession extends SessionBackend {
  idp: IdpId;
  idpName: string;
  config: LogtoNextConfig;
  /** GET `/callback` (Logto's redirect URI): stores the session and goes where the sign-in started. */
  callbackRoute(request: Request): Promise<Response>;
}

const errorPath = "/auth/error";
const errorUrl = (code: string) => `${errorPath}?${new URLSearchParams({ error: code })}`;

/**
 * The gallery's routes on Logto's official Next.js SDK: `signIn`, `handleSignIn`, `signOut` and
 * `getLogtoContext` from `@logto/next/server-actions`, called as Logto's App Router guide does. The SDK
 * decides its cookie (`logto_<appId>`) and keeps the sign-in round trip's state in it.
 */
export function createLogtoSession(options: LogtoSessionOptions): LogtoSession {
  const { config, idp, idpName } = options;
  const appUrl = new URL(config.baseUrl).origin;
  const redirectUri = `${appUrl}/callback`;
  const timeoutMs = options.idpTimeoutMs ?? 5000;

  // One read of the session cookie (and Redis) per server render.
  const readContext = cache(() => getLogtoContext(config));

  // The SDK keeps a session past its ID token's expiry; the gallery counts that as signed out.
  async function currentClaims() {
    const context = await readContext();
    if (!context.isAuthenticated) return null;
    return sessionFromIdToken({ idp, claims: context.claims }) ? (context.claims ?? null) : null;
  }

  async function getSession(): Promise<NormalizedSession | null> {
    const context = await readContext();
    return context.isAuthenticated ? sessionFromIdToken({ idp, claims: context.claims }) : null;
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
      redirect(errorUrl("IdpUnavailable"));
    }
    return new Response(null, { status: 204 });
  }

  async function callbackRoute(request: Request): Promise<Response> {
    const search = new URL(request.url).searchParams;
    if (search.has("error")) redirect(errorUrl("OAuthCallbackError"));
    try {
      await handleSignIn(config, search);
    } catch (error) {
      unstable_rethrow(error);
      console.error(`[logto] sign-in callback from ${idpName} failed: ${messageOf(error)}`);
      redirect(errorUrl("Configuration"));
    }
    // No postRedirectUri was stored (a sign-in started elsewhere): home.
    redirect("/");
  }

  async function signOutRoute(): Promise<Response> {
    try {
      // Revokes the refresh token, clears the session, then Logto's end-session page.
      await signOut(config, `${appUrl}/`);
    } catch (error) {
      unstable_rethrow(error);
      // Logto unreachable before the SDK cleared anything: the app's session still ends here.
      console.error(`[logto] sign-out could not reach ${idpName}: ${messageOf(error)}`);
      await (await new LogtoClient(config).createNodeClient()).clearAllTokens();
      redirect("/?signed-out=idp-unreachable");
    }
    return new Response(null, { status: 204 });
  }

  // The SDK has no proxy: pages gate themselves. App Router pages always answer 200, so the error
  // page's 4xx status is set here.
  const proxy: NextProxy = (request) => {
    if (request.nextUrl.pathname !== errorPath) return;
    const { status } = describeAuthError(request.nextUrl.searchParams.get("error"), idpName);
    return NextResponse.rewrite(request.nextUrl, { status });
  };

  return {
    idp,
    idpName,
    config,
    getSession,
    getClaims: currentClaims,
    meRoute: createMeHandler(getSession),
    signInRoute,
    callbackRoute,
    signOutRoute,
    proxy,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export { type LogtoSessionStoreOptions, logtoSessionWrapper } from "./logto-session-store.ts";
