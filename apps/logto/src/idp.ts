/**
 * Logto (Cloud or self-hosted) with `@logto/next` server actions.
 *
 * Setup: create a "Traditional web" application with the redirect URI `{AUTH_URL}/callback` and the
 * post sign-out redirect URI `{AUTH_URL}/`; create an API resource (`LOGTO_API_RESOURCE`) with the
 * permission `LOGTO_API_SCOPE`; add the user to an organization to see an organization token.
 * Notes: `endpoint` is the bare tenant origin; the SDK appends `/oidc/...` itself.
 */
import { cookieNamespace } from "@idp-gallery/session";
import { type LogtoNextConfig, UserScope } from "@logto/next";
import { env } from "./env.ts";
import { idp } from "./idp-name.ts";
import { sessionWrapper } from "./session-store.ts";

export { idp };

export const logtoConfig: LogtoNextConfig = {
  endpoint: env.LOGTO_ENDPOINT,
  appId: env.LOGTO_APP_ID,
  appSecret: env.LOGTO_APP_SECRET,
  baseUrl: env.AUTH_URL,
  cookieSecret: env.AUTH_SECRET,
  cookieSecure: new URL(env.AUTH_URL).protocol === "https:",
  // Reserved scopes (openid, offline_access, profile) are added by the SDK.
  scopes: [
    UserScope.Email,
    UserScope.CustomData,
    UserScope.Organizations,
    UserScope.OrganizationRoles,
    env.LOGTO_API_SCOPE,
  ],
  resources: [env.LOGTO_API_RESOURCE],
  sessionWrapper,
};

// Per app and port, so instances on other localhost ports never collide.
const namespace = cookieNamespace(idp.id, env.AUTH_URL);
/** The session cookie (tokens, or a Redis key). */
export const sessionCookieName = `${namespace}.session-token`;
/** The sign-in round trip's cookie (PKCE verifier, state), gone once the callback is handled. */
export const flowCookieName = `${namespace}.sign-in`;
