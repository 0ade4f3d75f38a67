import { errors } from "oidc-provider";
import { grantWhatWasAsked } from "../core/interactions.ts";
import type { ExtraRoute, Surface } from "../core/types.ts";
import {
  API_RESOURCE,
  API_SCOPES,
  logtoProfile,
  ORGANIZATION_ROLES_SCOPE,
  ORGANIZATIONS_RESOURCE,
  ORGANIZATIONS_SCOPE,
  organizationPermissions,
  organizations,
} from "./logto-data.ts";
import { organizationTokenRoute } from "./logto-organization-token.ts";
import { logtoPages } from "./logto-pages.ts";

/**
 * Logto (OSS 1.x / Cloud): its own oidc-provider mounted at `/oidc` (packages/core/src/oidc/init.ts),
 * the sign-in experience at `/sign-in` on the tenant origin, first-party consent granted server-side.
 */

const MOUNT = "/oidc";

// Logto's extraParams (packages/core/src/oidc/init.ts), accepted at /oidc/auth.
const EXTRA_PARAMS = [
  "interaction_mode",
  "first_screen",
  "direct_sign_in",
  "organization_id",
  "login_hint",
  "ui_locales",
  "identifier",
  "one_time_token",
];

// First-party apps: koaAutoConsent grants what was asked and resumes, without a page.
const autoConsent: ExtraRoute = {
  method: "GET",
  path: "/consent",
  async handle(req, res, { provider }) {
    const interaction = await provider.interactionDetails(req, res);
    const grantId = await grantWhatWasAsked(provider, interaction);
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  },
};

// The sign-in page's "Cancel": the user abandons the sign-in, and the app gets access_denied.
const abortSignIn: ExtraRoute = {
  method: "GET",
  path: "/sign-in/cancel",
  async handle(req, res, { provider }) {
    await provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "End-User aborted interaction" },
      { mergeWithLastSubmission: false },
    );
  },
};

/**
 * With LOGTO_EMULATOR_THIRD_PARTY=1 the app is registered as a third-party app: Logto then shows its
 * consent page (Authorize / Cancel) instead of granting on the server. The e2e contract uses it to
 * deny consent (C6) and to fail the token call between consent and callback (C7).
 */
const thirdParty = () => process.env.LOGTO_EMULATOR_THIRD_PARTY === "1";

// Extended claims Logto keeps out of ID tokens by default (the tenant's ID token config).
const USERINFO_ONLY = new Set(["custom_data", "organization_data", "identities"]);

export const logto: Surface = {
  id: "logto",
  displayName: "Logto",
  mountPath: MOUNT,
  routes: {
    authorization: "/auth",
    token: "/token",
    userinfo: "/me",
    jwks: "/jwks",
    end_session: "/session/end",
    revocation: "/token/revocation",
    introspection: "/token/introspection",
  },
  signing: { alg: "ES384", kid: "random" },
  // @logto/core-kit userClaims per scope (the ones the gallery's users have).
  scopes: [
    { name: "openid", description: "OpenID", claims: ["sub"] },
    { name: "offline_access", description: "Keep you signed in", claims: [] },
    {
      name: "profile",
      description: "Your name, username and avatar",
      claims: ["name", "picture", "username", "created_at", "updated_at"],
    },
    { name: "email", description: "Your email address", claims: ["email", "email_verified"] },
    { name: "custom_data", description: "Your custom data", claims: ["custom_data"] },
    {
      name: ORGANIZATIONS_SCOPE,
      description: "Your organizations",
      claims: ["organizations", "organization_data"],
    },
    {
      name: ORGANIZATION_ROLES_SCOPE,
      description: "Your organization roles",
      claims: ["organization_roles"],
    },
  ],
  subject: (user) => logtoProfile(user).id,
  claims(user, use) {
    const profile = logtoProfile(user);
    const memberships = Object.entries(profile.memberships);
    const all: Record<string, unknown> = {
      name: user.name,
      picture: null,
      username: user.username,
      created_at: profile.createdAt,
      updated_at: profile.createdAt,
      email: user.email,
      email_verified: true,
      custom_data: profile.customData,
      organizations: memberships.map(([id]) => id),
      organization_data: memberships.map(([id]) => {
        const organization = organizations.find((candidate) => candidate.id === id);
        return { id, name: organization?.name ?? id, description: organization?.description };
      }),
      organization_roles: memberships.flatMap(([id, roles]) =>
        roles.map((role) => `${id}:${role}`),
      ),
    };
    if (use !== "id_token") return all;
    return Object.fromEntries(Object.entries(all).filter(([key]) => !USERINFO_ONLY.has(key)));
  },
  pkceRequired: true,
  refreshTokens: true,
  authorizationResponseIss: true,
  ttl: {
    accessToken: 3600,
    idToken: 3600,
    authorizationCode: 600,
    refreshToken: 14 * 24 * 60 * 60,
  },
  cookiePrefix: "logto_",
  interactions: {
    loginPath: "/sign-in",
    consentPath: "/consent",
    loginUrl: (_authorizeUrl, { params }) => {
      const query = new URLSearchParams({ app_id: String(params.client_id ?? "") });
      return `/sign-in?${query}`;
    },
  },
  pages: logtoPages,
  // oidc-provider's discovery with Logto's features, in oidc-provider's key order.
  discovery: (doc) => ({
    authorization_endpoint: doc.authorization_endpoint,
    authorization_response_iss_parameter_supported: true,
    claims_parameter_supported: false,
    claims_supported: doc.claims_supported,
    code_challenge_methods_supported: ["S256"],
    end_session_endpoint: doc.end_session_endpoint,
    grant_types_supported: ["authorization_code", "refresh_token"],
    issuer: doc.issuer,
    jwks_uri: doc.jwks_uri,
    response_modes_supported: ["form_post", "fragment", "query"],
    response_types_supported: ["code"],
    scopes_supported: doc.scopes_supported,
    subject_types_supported: ["public"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    token_endpoint: doc.token_endpoint,
    id_token_signing_alg_values_supported: ["ES384"],
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    userinfo_endpoint: doc.userinfo_endpoint,
    introspection_endpoint: doc.introspection_endpoint,
    revocation_endpoint: doc.revocation_endpoint,
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
  }),
  // Read per request: the core's consent page takes over from auto-consent for a third-party app.
  get extraRoutes() {
    return thirdParty()
      ? [abortSignIn, organizationTokenRoute]
      : [autoConsent, abortSignIn, organizationTokenRoute];
  },
  configure: (config) => ({
    ...config,
    extraParams: EXTRA_PARAMS,
    // Logto's default key is EC P-384; oidc-provider does not enable ES384 unless told.
    enabledJWA: { idTokenSigningAlgValues: ["ES384"] },
    // oidc-provider's default: refresh tokens only when offline_access survived (prompt=consent).
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed("refresh_token") && code.scopes.has("offline_access"),
    features: {
      ...config.features,
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => false,
        getResourceServerInfo(_ctx, indicator) {
          // The SDK asks for this reserved resource with the organizations scope; tokens for one
          // organization come from the refresh grant with organization_id (organization-token route).
          if (indicator === ORGANIZATIONS_RESOURCE) {
            return {
              scope: organizationPermissions().join(" "),
              audience: ORGANIZATIONS_RESOURCE,
              accessTokenFormat: "jwt",
              accessTokenTTL: 3600,
              jwt: { sign: { alg: "ES384" } },
            };
          }
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: API_SCOPES.join(" "),
            audience: API_RESOURCE,
            accessTokenFormat: "jwt",
            accessTokenTTL: 3600,
            jwt: { sign: { alg: "ES384" } },
          };
        },
      },
    },
  }),
};
