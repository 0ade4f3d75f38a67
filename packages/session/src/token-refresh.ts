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

/** The margin, but at most half the token's lifetime: a short-lived token is not refreshed on every request. */
export function refreshMarginSeconds(tokens: ServerTokens): number {
  const lifetime = tokens.accessTokenLifetimeSeconds;
  return typeof lifetime === "number" && lifetime > 0
    ? Math.min(REFRESH_MARGIN_SECONDS, lifetime / 2)
    : REFRESH_MARGIN_SECONDS;
}

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
  return now >= (tokens.accessTokenExpiresAt - refreshMarginSeconds(tokens)) * 1000;
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
    // An answer without expires_in: the token is taken to last as long as the last one did.
    ...expiry(result.expires_in ?? previous.accessTokenLifetimeSeconds),
  };
}

function expiry(lifetime: number | undefined): Partial<ServerTokens> {
  if (typeof lifetime !== "number") return { accessTokenExpiresAt: undefined };
  return {
    accessTokenExpiresAt: Math.floor(Date.now() / 1000) + lifetime,
    accessTokenLifetimeSeconds: lifetime,
  };
}

/**
 * Only the IdP saying the grant itself is dead (`invalid_grant`: revoked, expired, reused; RFC 6749
 * §5.2) or a token answer that fails validation ends the session. Anything else (429, 5xx, a
 * misconfigured client, a gateway's HTML page) is an outage: every user would otherwise be signed
 * out by one bad minute at the IdP.
 */
function classify(error: unknown): RefreshOutcome {
  if (error instanceof oauth.ResponseBodyError) {
    const described = error.error_description
      ? `${error.error}: ${error.error_description}`
      : error.error;
    if (error.error === "invalid_grant") return { kind: "refused", reason: described };
    return { kind: "unavailable", reason: `${error.status} ${described}` };
  }
  if (error instanceof oauth.OperationProcessingError && !(error.cause instanceof Response)) {
    // A 200 whose content fails the checks (an ID token from another issuer, for another client…).
    return { kind: "refused", reason: error.message };
  }
  // Not an OAuth answer at all: wrong status, not JSON, a WWW-Authenticate challenge, no connection.
  return { kind: "unavailable", reason: messageOf(error) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
