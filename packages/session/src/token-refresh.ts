import * as oauth from "oauth4webapi";
import type { ServerTokens } from "./session-reader.ts";

/**
 * The refresh-token grant, the way Auth.js's "Refresh token rotation" guide does it in the `jwt`
 * callback: when the access token is (nearly) expired, trade the refresh token for new tokens, keep
 * the old refresh token when the IdP does not rotate it, and end the session when the IdP refuses.
 * oauth4webapi (the library under Auth.js) makes and checks the request.
 */

/** Refresh this long before the access token expires, so a page's IdP calls never use a dead one. */
export const REFRESH_MARGIN_SECONDS = 60;

export type RefreshOutcome =
  | { kind: "refreshed"; tokens: ServerTokens }
  /** The IdP said no (`invalid_grant`: revoked, expired or reused): the session is over. */
  | { kind: "refused"; reason: string }
  /** The IdP could not be asked (down, slow, 5xx): keep the session, try again on the next request. */
  | { kind: "unavailable"; reason: string };

export type TokenRefresher = (tokens: ServerTokens) => Promise<RefreshOutcome>;

export interface TokenRefresherOptions {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** How the client authenticates at the token endpoint; Auth.js's default is client_secret_basic. */
  authMethod?: string;
  /** The IdP fetch of the app (timeout, CA trust, cached discovery). */
  fetch: typeof fetch;
}

/** Whether the access token expires within the margin (tokens without an expiry never do). */
export function needsRefresh(tokens: ServerTokens | undefined, now = Date.now()): boolean {
  if (!tokens?.refreshToken || typeof tokens.accessTokenExpiresAt !== "number") return false;
  return now >= (tokens.accessTokenExpiresAt - REFRESH_MARGIN_SECONDS) * 1000;
}

export function createTokenRefresher(options: TokenRefresherOptions): TokenRefresher {
  const issuer = new URL(options.issuer);
  const client: oauth.Client = { client_id: options.clientId };
  const clientAuth =
    options.authMethod === "client_secret_post"
      ? oauth.ClientSecretPost(options.clientSecret ?? "")
      : oauth.ClientSecretBasic(options.clientSecret ?? "");
  const http = {
    [oauth.customFetch]: options.fetch,
    // Plain http only for an issuer configured as http (a local IdP); https is verified as ever.
    [oauth.allowInsecureRequests]: issuer.protocol === "http:",
  };

  async function authorizationServer(): Promise<oauth.AuthorizationServer> {
    const response = await oauth.discoveryRequest(issuer, { ...http, algorithm: "oidc" });
    return oauth.processDiscoveryResponse(issuer, response);
  }

  return async function refresh(tokens) {
    if (!tokens.refreshToken)
      return { kind: "refused", reason: "the session holds no refresh token" };
    let as: oauth.AuthorizationServer;
    try {
      as = await authorizationServer();
    } catch (error) {
      return { kind: "unavailable", reason: `discovery failed: ${messageOf(error)}` };
    }
    try {
      const response = await oauth.refreshTokenGrantRequest(
        as,
        client,
        clientAuth,
        tokens.refreshToken,
        http,
      );
      const result = await oauth.processRefreshTokenResponse(as, client, response);
      return { kind: "refreshed", tokens: rotated(tokens, result) };
    } catch (error) {
      return classify(error);
    }
  };
}

/** The new token set: what the IdP sent, the old refresh and ID tokens where it sent none. */
function rotated(previous: ServerTokens, result: oauth.TokenEndpointResponse): ServerTokens {
  return {
    ...previous,
    accessToken: result.access_token,
    // Some IdPs rotate refresh tokens (DOT, WSO2, Logto), some do not; keep the old one if not.
    refreshToken: result.refresh_token ?? previous.refreshToken,
    // DOT 1.7 sends no new ID token on refresh; the sign-in's stays the logout hint.
    idToken: result.id_token ?? previous.idToken,
    accessTokenExpiresAt:
      typeof result.expires_in === "number"
        ? Math.floor(Date.now() / 1000) + result.expires_in
        : undefined,
  };
}

/** An OAuth error answer from the IdP ends the session; anything else is a passing outage. */
function classify(error: unknown): RefreshOutcome {
  if (error instanceof oauth.ResponseBodyError) {
    // RFC 6749 §5.2: a 4xx error answer is a refusal; a 5xx one is the IdP failing.
    const described = error.error_description
      ? `${error.error}: ${error.error_description}`
      : error.error;
    if (error.status < 500) return { kind: "refused", reason: described };
    return { kind: "unavailable", reason: `${error.status} ${error.error}` };
  }
  if (error instanceof oauth.OperationProcessingError) {
    // A 5xx page that is no OAuth answer at all is an outage too.
    const status = error.cause instanceof Response ? error.cause.status : undefined;
    if (status !== undefined && status >= 500) return { kind: "unavailable", reason: `${status}` };
    // An answer that is not a valid token response (wrong issuer in its ID token, no access token…).
    return { kind: "refused", reason: error.message };
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    return { kind: "refused", reason: `the IdP refused the client: ${error.message}` };
  }
  return { kind: "unavailable", reason: messageOf(error) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
