import type { IdpId } from "./idps.ts";
import {
  type IdentityClaims,
  type NormalizedSession,
  normalizeSession,
} from "./normalized-session.ts";

/**
 * The normalized session from a client library's ID token claims, or null when there is none or it
 * has expired: for libraries (like `@logto/next`) that keep a session alive past its ID token.
 */
export function sessionFromIdToken(input: {
  idp: IdpId;
  claims: (IdentityClaims & { exp?: unknown }) | null | undefined;
  /** Epoch milliseconds; defaults to now. */
  now?: number;
}): NormalizedSession | null {
  const { claims } = input;
  if (!claims || typeof claims.exp !== "number") return null;
  if (claims.exp * 1000 <= (input.now ?? Date.now())) return null;
  try {
    return normalizeSession({ idp: input.idp, claims, expiresAt: claims.exp });
  } catch {
    // A token without a subject is no session.
    return null;
  }
}
