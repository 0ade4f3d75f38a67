export { authCookies, cookieName, cookieNamespace } from "./cookies.ts";
export { type AuthErrorDescription, describeAuthError } from "./errors.ts";
export { sessionFromIdToken } from "./id-token-session.ts";
export { type IdpId, idpIds, isIdpId } from "./idps.ts";
export { createMeHandler } from "./me-handler.ts";
export {
  type IdentityClaims,
  type NormalizedSession,
  type NormalizedUser,
  normalizedSessionSchema,
  normalizeSession,
  normalizeUser,
} from "./normalized-session.ts";
export { safeRedirectPath, safeRedirectUrl } from "./redirect.ts";
export type { SessionBackend, SessionDetails } from "./session-backend.ts";
export {
  defaultSessionLifetime,
  isPastAbsoluteLifetime,
  resolveSessionLifetime,
  type SessionLifetime,
  secondsLeft,
  sessionLifetimeEnv,
} from "./session-lifetime.ts";
export {
  createSessionStore,
  type SessionStore,
  type SessionStoreOptions,
} from "./session-store.ts";
export type { LocalSignOutReason, LogoutPlan } from "./sign-out.ts";
export { describeLocalSignOut } from "./sign-out-messages.ts";
