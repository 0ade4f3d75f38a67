export { type IdpId, idpIds, isIdpId } from "./idps.ts";
export { createMeHandler } from "./me-handler.ts";
export {
  type IdentityClaims,
  type NormalizedSession,
  type NormalizedUser,
  normalizeSession,
  normalizeUser,
  normalizedSessionSchema,
} from "./normalized-session.ts";
export { type AuthErrorDescription, describeAuthError } from "./errors.ts";
export { describeLocalSignOut } from "./sign-out-messages.ts";
export { type LocalSignOutReason, type LogoutPlan } from "./sign-out.ts";
export { authCookies, cookieName, cookieNamespace } from "./cookies.ts";
export { safeRedirectPath, safeRedirectUrl } from "./redirect.ts";
