import type { JWT } from "next-auth/jwt";
import type { GallerySettings } from "./auth-settings.ts";
import type { GalleryAuthOptions } from "./authjs.ts";
import { createRevocationStore, isRevoked, type RevocationStore } from "./revocation-store.ts";

/**
 * Server-side revocation of stateless sessions, shared by both strategies: any app may configure a
 * store (`revocation`); a Credentials sign-out also revokes through it (see credentials.ts).
 */

/** What a revocation is checked against; every gallery session token carries it. */
export interface RevocableToken extends JWT {
  tokens?: { subject?: string };
  /** When this session started (epoch ms); revocations compare against it, not `iat`. */
  signedInAt?: number;
}

/** The token, or null when this app's sessions of its user have been revoked since it started. */
export type RevocationCheck = <T extends RevocableToken>(token: T) => Promise<T | null>;

/** The store the app configured, if any; it remembers a revocation as long as a session may live. */
export function createSessionRevocations(
  settings: GallerySettings,
  revocation: GalleryAuthOptions["revocation"],
): RevocationStore | undefined {
  if (!revocation) return undefined;
  return createRevocationStore({
    namespace: settings.namespace,
    retentionSeconds: settings.sessionMaxAgeSeconds,
    ...revocation,
  });
}

/** The check every session read runs: against the store when there is one, else none. */
export function revocationCheck(store: RevocationStore | undefined): RevocationCheck {
  return async (token) => (store ? unlessRevoked(store, token) : token);
}

/**
 * The token unless its user's sessions were revoked since it started (null signs the user out and
 * clears the cookie). When the store cannot answer, the session is kept and the failure logged:
 * a store outage must not sign everybody out into a redirect loop.
 */
export async function unlessRevoked<T extends RevocableToken>(
  store: RevocationStore,
  token: T,
): Promise<T | null> {
  const subject = token.tokens?.subject ?? token.sub;
  if (!subject) return token;
  // A session without a start time is treated as the oldest possible one.
  const signedInAt = token.signedInAt ?? 0;
  try {
    return (await isRevoked(store, subject, signedInAt)) ? null : token;
  } catch (error) {
    console.error(
      `[auth] revocation check failed (${store.kind}); keeping the session: ${(error as Error).message}`,
    );
    return token;
  }
}
