/**
 * Logto (Cloud or self-hosted) with its official Next.js SDK, `@logto/next/server-actions`.
 *
 * Setup: create a "Traditional web" application with the redirect URI `{AUTH_URL}/callback` and the
 * post sign-out redirect URI `{AUTH_URL}/`; create an API resource (`LOGTO_API_RESOURCE`) with the
 * permission `LOGTO_API_SCOPE`; add the user to an organization to see an organization token.
 * Notes: `endpoint` is the bare tenant origin; the SDK appends `/oidc/...` itself. The SDK names its
 * cookie `logto_<appId>`; it holds only the id of the session, which lives in the session store
 * (SQLite under AUTH_DATA_DIR, or Redis when REDIS_URL is set) with the sign-in round trip's state.
 */
import type { GalleryIdp } from "@idp-gallery/app";
import { cookieNamespace } from "@idp-gallery/session";
import { createLogtoSession, createLogtoSessionStore } from "@idp-gallery/session/logto";
import { type LogtoNextConfig, UserScope } from "@logto/next";
import {
  getAccessTokenRSC,
  getLogtoContext,
  getOrganizationTokenRSC,
} from "@logto/next/server-actions";
import { decodeJwt } from "jose";
import { env } from "./env.ts";
import { verifyResourceToken } from "./resource-api.ts";

// Idle timeout and absolute lifetime from AUTH_SESSION_IDLE_SECONDS / AUTH_SESSION_ABSOLUTE_SECONDS.
const sessions = createLogtoSessionStore({
  namespace: cookieNamespace("logto", env.AUTH_URL),
  redisUrl: env.REDIS_URL,
});

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
  // The SDK reads and writes its session through the store; the cookie carries a random id.
  sessionWrapper: sessions.wrapper,
};

// The organization /protected shows: the user's first.
function firstOrganization(claims: Record<string, unknown>): string | undefined {
  const organizations = Array.isArray(claims.organizations) ? claims.organizations : [];
  return typeof organizations[0] === "string" ? organizations[0] : undefined;
}

// The tokens /protected uses, fetched in route handlers (sign-in callback, /auth/refresh).
function pageTokens(claims: Record<string, unknown>) {
  const organizationId = firstOrganization(claims);
  return [{ resource: env.LOGTO_API_RESOURCE }, ...(organizationId ? [{ organizationId }] : [])];
}

// Checks a token the way /api/resource does (same module), without a loopback HTTP call.
async function callApi(token: Promise<string>) {
  const check = await verifyResourceToken(`Bearer ${await token}`);
  return check.ok
    ? { status: 200, sub: check.payload.sub, scope: check.payload.scope }
    : { status: check.status, refused: check.description };
}

/** Userinfo, an API resource token and an organization token, each fetched once per page. */
function logtoExtras(claims: Record<string, unknown>) {
  const organizationId = firstOrganization(claims);
  // The proxy sends pages whose tokens are near expiry through /auth/refresh first, so these RSC
  // variants find fresh tokens and do not refresh (server components cannot write cookies).
  const once = <T>(load: () => Promise<T>) => {
    let pending: Promise<T> | undefined;
    return () => (pending ??= load());
  };
  const resourceToken = once(() => getAccessTokenRSC(logtoConfig, env.LOGTO_API_RESOURCE));
  const organizationToken = once(() =>
    organizationId
      ? getOrganizationTokenRSC(logtoConfig, organizationId)
      : Promise.reject(new Error("The user belongs to no organization.")),
  );
  return [
    {
      title: "Userinfo (GET /oidc/me): custom data and organizations",
      load: async () => (await getLogtoContext(logtoConfig, { fetchUserInfo: true })).userInfo,
    },
    {
      title: `API resource ${env.LOGTO_API_RESOURCE}: decoded token claims`,
      load: async () => decodeJwt(await resourceToken()),
    },
    {
      title: "GET /api/resource with the API resource token",
      load: () => callApi(resourceToken()),
    },
    {
      title: `Organization ${organizationId ?? "(none)"}: decoded token claims`,
      load: async () => decodeJwt(await organizationToken()),
    },
    {
      title: "GET /api/resource with the organization token (another audience)",
      load: () => callApi(organizationToken()),
    },
  ];
}

export const idp = {
  id: "logto",
  name: "Logto",
  session: createLogtoSession({
    idp: "logto",
    idpName: "Logto",
    config: logtoConfig,
    sessions,
    tokens: pageTokens,
    refreshMarginSeconds: env.LOGTO_REFRESH_MARGIN_SECONDS,
  }),
  extras: logtoExtras,
} satisfies GalleryIdp;
