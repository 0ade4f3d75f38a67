import type { GallerySettings } from "./auth-settings.ts";
import type { GalleryAuthOptions } from "./authjs.ts";
import { createRevocationStore, type RevocationStore } from "./revocation-store.ts";

/**
 * Subject-wide revocation ("every session of user X that started before T"), for IdPs that end a
 * user's sessions from their side (django-sso's logout events) and sign-outs that end all of them.
 * A single session ends by deleting its record (server-sessions.ts).
 */

/** The store the app configured, if any; it remembers a revocation as long as a session may live. */
export function createSessionRevocations(
  settings: GallerySettings,
  revocation: GalleryAuthOptions["revocation"],
): RevocationStore | undefined {
  if (!revocation) return undefined;
  return createRevocationStore({
    namespace: settings.namespace,
    retentionSeconds: settings.lifetime.absoluteSeconds,
    ...revocation,
  });
}
