/**
 * Beyond Identity with its Embedded SDK authenticator: passkeys live in the browser, and the IdP's
 * authorize step hands the user to this app's `/bi-authenticate` page to prove one.
 *
 * Setup: an OIDC application (confidential, PKCE S256, client_secret_basic, authorization code) with the
 * redirect URI `{AUTH_URL}/api/auth/callback/beyondidentity`, and an "Embedded SDK" authenticator
 * config whose Invoke URL is `{AUTH_URL}` (invocation automatic, trusted origin `{AUTH_URL}`); a
 * Management API client (admin realm) that may create identities and credential-binding jobs.
 * Notes: the issuer is the application's URL; Beyond Identity has no RP-initiated logout.
 */

import { createBeyondIdentityManagement } from "@idp-gallery/api-client/beyond-identity";
import { fetchIssuerUserinfo } from "@idp-gallery/api-client/oidc";
import type { GalleryIdp } from "@idp-gallery/app";
import type { PasskeyClientConfig } from "@idp-gallery/passkeys";
import { createGalleryAuth } from "@idp-gallery/session/authjs";
import BeyondIdentity from "next-auth/providers/beyondidentity";
import { env } from "./env.ts";

const provider = BeyondIdentity({
  issuer: env.AUTH_BEYONDIDENTITY_ISSUER,
  clientId: env.AUTH_BEYONDIDENTITY_ID,
  clientSecret: env.AUTH_BEYONDIDENTITY_SECRET,
  authorization: { params: { scope: "openid" } },
});

const auth = createGalleryAuth({
  idp: "beyond-identity",
  idpName: "Beyond Identity",
  appUrl: env.AUTH_URL,
  secret: env.AUTH_SECRET,
  provider,
  // Registration, binding and the passkey step of sign-in happen before there is a session.
  publicPaths: ["/register", "/api/register", "/bind", "/bi-authenticate"],
});

/** Auth.js's callback for this provider: the only place a passkey sign-in may continue to. */
export const callbackPath = `/api/auth/callback/${provider.id}`;

export const idp = {
  id: "beyond-identity",
  name: "Beyond Identity",
  session: auth,
  extras: () => [
    {
      title: "Userinfo (GET {issuer}/userinfo)",
      load: async () =>
        fetchIssuerUserinfo({
          issuer: env.AUTH_BEYONDIDENTITY_ISSUER,
          accessToken: await auth.getAccessToken(),
        }),
    },
  ],
  // Passkeys are enrolled, not typed: new users register first.
  signUp: { href: "/register", label: "Register with your email" },
} satisfies GalleryIdp;

// Tenant and realm are part of the application's issuer URL.
const [, tenantId = "", realmId = ""] =
  /\/v1\/tenants\/([\w-]+)\/realms\/([\w-]+)\//.exec(
    new URL(env.AUTH_BEYONDIDENTITY_ISSUER).pathname,
  ) ?? [];

export const realm = {
  tenantId,
  realmId,
  authenticatorConfigId: env.BEYOND_IDENTITY_AUTHENTICATOR_CONFIG_ID,
};

/** The management API (server only): creates identities and credential-binding jobs at registration. */
export const management = createBeyondIdentityManagement({
  apiBaseUrl: env.BEYOND_IDENTITY_API_URL,
  tenantId,
  realmId,
  tokenUrl: env.BEYOND_IDENTITY_MANAGEMENT_TOKEN_URL,
  clientId: env.BEYOND_IDENTITY_MANAGEMENT_CLIENT_ID,
  clientSecret: env.BEYOND_IDENTITY_MANAGEMENT_CLIENT_SECRET,
});

/** Origins a binding link may point at: the API host and the auth host (Beyond Identity uses both). */
export const bindingLinkOrigins = [
  new URL(env.BEYOND_IDENTITY_API_URL).origin,
  new URL(env.AUTH_BEYONDIDENTITY_ISSUER).origin,
];

/** What the browser's passkey client needs: which implementation, and which origins it may call. */
export const passkeyClientConfig: PasskeyClientConfig = {
  mode: env.BEYOND_IDENTITY_PASSKEY_CLIENT,
  allowedOrigins: [...new Set(bindingLinkOrigins)],
};
