import type { SessionData } from "@logto/node";

/**
 * When the first of a session's tokens expires, in epoch seconds: the ID token's `exp` and the
 * `expiresAt` the SDK stores beside each cached access token (its own estimate, the one it checks
 * before refreshing). Null when the session holds none.
 */
export function earliestTokenExpiry(data: SessionData): number | null {
  const expiries = [idTokenExpiry(data.idToken), ...accessTokenExpiries(data.accessToken)].filter(
    (value): value is number => typeof value === "number" && Number.isFinite(value),
  );
  return expiries.length > 0 ? Math.min(...expiries) : null;
}

/** Whether a token has fewer than `marginSeconds` left (or none is known): time to refresh. */
export function tokensNeedRefresh(
  data: SessionData,
  marginSeconds: number,
  now = Date.now(),
): boolean {
  const earliest = earliestTokenExpiry(data);
  return earliest === null || earliest - marginSeconds <= now / 1000;
}

// The payload of a JWT, read without verifying it: the SDK verified the ID token when it stored it.
function idTokenExpiry(idToken: string | undefined): number | undefined {
  const payload = idToken?.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      exp?: unknown;
    };
    return typeof claims.exp === "number" ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}

// The SDK keeps its access tokens as JSON: `{ "<scopes>@<resource>#<org>": { token, scope, expiresAt } }`.
function accessTokenExpiries(accessTokens: string | undefined): unknown[] {
  if (!accessTokens) return [];
  try {
    const map = JSON.parse(accessTokens) as unknown;
    if (!map || typeof map !== "object") return [];
    return Object.values(map).map((entry) =>
      entry && typeof entry === "object" ? (entry as { expiresAt?: unknown }).expiresAt : undefined,
    );
  } catch {
    return [];
  }
}
