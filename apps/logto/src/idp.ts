/**
 * Logto (Cloud or self-hosted) with its official Next.js SDK, `@logto/next/server-actions`.
 *
 * Setup: create a "Traditional web" application with the redirect URI `{AUTH_URL}/callback` and the
 * post sign-out redirect URI `{AUTH_URL}/`; create an API resource (`LOGTO_API_RESOURCE`) with the
 * permission `LOGTO_API_SCOPE`; add the user to an organization to see an organization token.
 * Notes: `endpoint` is the bare tenant origin; the SDK appends `/oidc/...` itself. The SDK names its
 * cookie `logto_<appId>` and keeps the sign-in round trip's state in it.
 */
import type { GalleryIdp } from "@idp-gallery/app";
import { cookieNamespace } from "@idp-gallery/session";
import { createLogtoSession, logtoSessionWrapper } from "@idp-gallery/session/logto";
import { type LogtoNextConfig, UserScope } from "@logto/next";
import {
  getAccessTokenRSC,
  getLogtoContext,
  getOrganizationTokenRSC,
} from "@logto/next/server-actions";
import { decodeJwt } from "jose";
import { env } from "./env.ts";
import { verifyResourceToken } from "./resource-api.ts";

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
  // Redis when REDIS_URL is set (the cookie then holds only a random id), else the encrypted cookie.
  sessionWrapper: logtoSessionWrapper({
    redisUrl: env.REDIS_URL,
    keyPrefix: `${cookieNamespace("logto", env.AUTH_URL)}:session:`,
  }),
};

// Checks a token the way /api/resource does (same module), without a loopback HTTP call.
async function callApi(token: Promise<string>) {
  const check = await verifyResourceToken(`Bearer ${await token}`);
  return check.ok
    ? { status: 200, sub: check.payload.sub, scope: check.payload.scope }
    : { status: check.status, refused: check.description };
}

/** Userinfo, an API resource token and an organization token, each fetched once per page. */
function logtoExtras(claims: Record<string, unknown>) {
  const organizations = Array.isArray(claims.organizations) ? claims.organizations : [];
  const organizationId = typeof organizations[0] === "string" ? organizations[0] : undefined;
  // Server components cannot write cookies: the SDK's RSC variants use tokens without saving them.
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
  session: createLogtoSession({ idp: "logto", idpName: "Logto", config: logtoConfig }),
  extras: logtoExtras,
} satisfies GalleryIdp;
