import type NodeClient from "@logto/node";
import {
  type LogtoSessionState,
  type LogtoSessionStore,
  SessionStoreUnavailableError,
} from "./logto-session-store.ts";
import { tokensNeedRefresh } from "./logto-token-freshness.ts";
import { singleFlight } from "./single-flight.ts";

/** An access token the app's server components use: for an API resource or an organization. */
export interface TokenTarget {
  resource?: string;
  organizationId?: string;
}

/** The SDK calls a refresh makes, on the request's client (`createNodeClient()` of `@logto/next`). */
export type RefreshingClient = Pick<
  NodeClient,
  | "clearAccessToken"
  | "clearAllTokens"
  | "getAccessToken"
  | "getIdTokenClaims"
  | "getOrganizationToken"
>;

/**
 * - `fresh`: nothing to do (another request refreshed it meanwhile);
 * - `refreshed`: Logto issued new tokens and the SDK stored them;
 * - `refused`: Logto refused the refresh token (revoked, expired): the session was cleared;
 * - `idp-unavailable`: Logto could not be reached or failed; the session is kept;
 * - `signed-out`: there was no live session to refresh.
 */
export type RefreshOutcome = "fresh" | "refreshed" | "refused" | "idp-unavailable" | "signed-out";

export interface TokenRefresherOptions {
  sessions: LogtoSessionStore;
  /** The access tokens beyond the default one (userinfo) that pages use, from the ID token claims. */
  tokens?: (claims: Record<string, unknown>) => TokenTarget[];
  /** Refresh once a token has fewer seconds left than this (default 60). */
  marginSeconds?: number;
  now?: () => number;
}

export interface TokenRefresher {
  readonly marginSeconds: number;
  /** Whether the session's tokens should be refreshed before a page uses them. */
  isDue(state: LogtoSessionState): Promise<boolean>;
  /** Refreshes the session's tokens; concurrent calls for one session share one refresh. */
  refresh(sessionId: string, openClient: () => Promise<RefreshingClient>): Promise<RefreshOutcome>;
  /** Fetches every token pages use (after sign-in), so that server components never refresh. */
  fetchPageTokens(client: RefreshingClient): Promise<void>;
}

// After a refresh the gate lets the page it returns to through once, even when its tokens still look
// due (a margin longer than Logto's token lifetime): no loop. The mark expires if that page never comes.
const MIN_REFRESH_INTERVAL_SECONDS = 30;

/**
 * Refreshes through the SDK's own token calls: `clearAccessToken()` then `getAccessToken()`, which
 * the SDK answers with the `refresh_token` grant, storing the new access token, the rotated refresh
 * token and the new ID token Logto returns; then the API resource and organization tokens. Runs in
 * route handlers, where the SDK can write its cookie. One refresh per session at a time in this
 * process: Logto rotates refresh tokens, and a second refresh with the old one would be refused.
 */
export function createTokenRefresher(options: TokenRefresherOptions): TokenRefresher {
  const { sessions } = options;
  const marginSeconds = options.marginSeconds ?? 60;
  const now = options.now ?? Date.now;
  const targets = options.tokens ?? (() => []);
  const oneAtATime = singleFlight<RefreshOutcome>();

  async function isDue(state: LogtoSessionState): Promise<boolean> {
    if (!tokensNeedRefresh(state.data, marginSeconds, now())) return false;
    return !(await sessions.takeRefreshMark(state.id));
  }

  async function fetchPageTokens(client: RefreshingClient): Promise<void> {
    const claims = (await client.getIdTokenClaims()) as Record<string, unknown>;
    // One after the other: each may refresh, and the next must use the refresh token just stored.
    for (const target of targets(claims)) {
      try {
        if (target.organizationId) await client.getOrganizationToken(target.organizationId);
        else await client.getAccessToken(target.resource);
      } catch (error) {
        if (error instanceof SessionStoreUnavailableError) throw error;
        // One token refused (e.g. the user left the organization) ends no session: its panel says so.
        console.warn(
          `[logto] could not fetch a token for ${describe(target)}: ${messageOf(error)}`,
        );
      }
    }
  }

  async function refreshOnce(
    sessionId: string,
    openClient: () => Promise<RefreshingClient>,
  ): Promise<RefreshOutcome> {
    const state = await sessions.read(sessionId);
    if (!state) return "signed-out";
    if (!(await isDue(state))) return "fresh";
    const client = await openClient();
    // The SDK refreshes only tokens already expired; cleared, every token is fetched anew.
    await client.clearAccessToken();
    try {
      await client.getAccessToken();
    } catch (error) {
      if (error instanceof SessionStoreUnavailableError) throw error;
      if (!isRefusal(error)) {
        console.error(`[logto] token refresh failed, session kept: ${messageOf(error)}`);
        // The page goes on with the tokens it has (its panels say what failed); the next one retries.
        await sessions.markRefreshed(sessionId, MIN_REFRESH_INTERVAL_SECONDS);
        return "idp-unavailable";
      }
      console.warn(`[logto] Logto refused the refresh token, session ended: ${messageOf(error)}`);
      await client.clearAllTokens();
      return "refused";
    }
    await fetchPageTokens(client);
    await sessions.markRefreshed(sessionId, MIN_REFRESH_INTERVAL_SECONDS);
    return "refreshed";
  }

  function refresh(sessionId: string, openClient: () => Promise<RefreshingClient>) {
    return oneAtATime(sessionId, () => refreshOnce(sessionId, openClient));
  }

  return { marginSeconds, isDue, refresh, fetchPageTokens };
}

/**
 * Whether Logto refused the refresh token itself (the session cannot go on), as opposed to being
 * unreachable. Logto answers `{ code: "oidc.invalid_grant" }` (a `LogtoRequestError`); a plain
 * oidc-provider answer `{ error: "invalid_grant" }` reaches the SDK as `unexpected_response_error`;
 * a session without a refresh token is the SDK's `not_authenticated`.
 */
export function isRefusal(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, data } = error as Error & { code?: unknown; data?: unknown };
  if (code === "not_authenticated") return true;
  if (typeof code === "string" && /(^|\.)invalid_grant$/.test(code)) return true;
  return typeof data === "object" && data !== null && "error" in data
    ? data.error === "invalid_grant"
    : false;
}

function describe(target: TokenTarget): string {
  return target.organizationId ? `organization ${target.organizationId}` : `${target.resource}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
