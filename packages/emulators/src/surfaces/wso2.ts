import { createHash, randomBytes } from "node:crypto";
import type { ErrorView, JsonRequest, JsonResponse, Surface } from "../core/types.ts";
import {
  wso2ConsentPage,
  wso2ErrorPage,
  wso2LoggedOutPage,
  wso2LoginPage,
  wso2NotFoundPage,
} from "./wso2-pages.ts";
import {
  CONSENT_PAGE,
  consentQuery,
  LOGIN_PAGE,
  loginQuery,
  logoutConsentRedirect,
  wso2Routes,
} from "./wso2-routes.ts";
import { wso2Subject } from "./wso2-users.ts";

/**
 * WSO2 Identity Server 7 (super tenant `carbon.super`) with one traditional web application: the
 * authorization-code grant, the Refresh Token grant, consent shown, First Name / Last Name / Email
 * shared as user attributes, and the SCIM2 Me API authorized (`internal_login`). Served over https
 * with a certificate from the project's development CA, as IS serves its self-signed `wso2carbon` one.
 */

const ROUTES = {
  authorization: "/oauth2/authorize",
  token: "/oauth2/token",
  userinfo: "/oauth2/userinfo",
  jwks: "/oauth2/jwks",
  end_session: "/oidc/logout",
  revocation: "/oauth2/revoke",
  introspection: "/oauth2/introspect",
};
const PROVIDER_PATHS = new Set(Object.values(ROUTES));
// oidc-provider's resume (/oauth2/authorize/{uid}) and logout confirm/success sub-routes.
const PROVIDER_PREFIXES = ["/oauth2/authorize/", "/oidc/logout/"];

// The default tenant's OIDC scopes and claim dialect (ProviderConfigBuilder; claims plus iss and acr).
const SCOPES_SUPPORTED = ["openid", "address", "phone", "email", "profile", "groups", "roles"];
const CLAIMS_SUPPORTED = [
  "sub",
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "username",
  "profile",
  "picture",
  "website",
  "email",
  "email_verified",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "phone_number_verified",
  "address",
  "updated_at",
  "groups",
  "roles",
  "iss",
  "acr",
];
const CLIENT_AUTH_METHODS = [
  "client_secret_basic",
  "client_secret_post",
  "private_key_jwt",
  "tls_client_auth",
];
const RESPONSE_TYPES = [
  "code",
  "id_token",
  "token",
  "id_token token",
  "code id_token",
  "code token",
  "code id_token token",
  "none",
];
const GRANT_TYPES = [
  "authorization_code",
  "implicit",
  "password",
  "client_credentials",
  "refresh_token",
  "urn:ietf:params:oauth:grant-type:saml2-bearer",
  "urn:ietf:params:oauth:grant-type:jwt-bearer",
  "urn:ietf:params:oauth:grant-type:device_code",
  "urn:ietf:params:oauth:grant-type:token-exchange",
  "iwa:ntlm",
];

// Where the framework sends invalid authorize and logout requests (oauth2_error.do wording).
function describeError(view: ErrorView): ErrorView {
  if (view.route === "authorization" || view.route === "resume") {
    if (view.error === "invalid_client") {
      return {
        ...view,
        status: 400,
        description: "A valid OAuth client could not be found for the given client_id.",
      };
    }
    if (view.error === "invalid_redirect_uri") {
      return {
        ...view,
        status: 400,
        error: "invalid_callback",
        description: "Registered callback does not match with the provided url.",
      };
    }
  }
  if (view.route.startsWith("end_session") && /post_logout_redirect_uri/.test(view.description)) {
    return {
      ...view,
      status: 400,
      error: "invalid_request",
      description: "Post logout URI does not match with registered callback URI.",
    };
  }
  return view;
}

/**
 * A refresh token IS no longer holds (revoked, or renewed: the old row goes INACTIVE and the token
 * cleanup moves it out of IDN_OAUTH2_ACCESS_TOKEN): DefaultRefreshTokenGrantProcessor's
 * validatePersistedAccessToken, answered as invalid_grant with IS's key order.
 */
function rewriteJson(route: string, response: JsonResponse, request: JsonRequest): JsonResponse {
  const refused =
    route === "token" &&
    request.grantType === "refresh_token" &&
    response.body.error === "invalid_grant";
  if (!refused) return response;
  return {
    ...response,
    body: { error_description: "Persisted access token data not found", error: "invalid_grant" },
  };
}

/** OIDC Session Management's `session_state`: hash of client, RP origin, browser state and a salt. */
function sessionState(clientId: string, rpOrigin: string, browserState: string): string {
  const salt = randomBytes(16).toString("hex");
  const hash = createHash("sha256")
    .update(`${clientId} ${rpOrigin} ${browserState} ${salt}`)
    .digest("hex");
  return `${hash}.${salt}`;
}

export const wso2: Surface = {
  id: "wso2",
  displayName: "WSO2 Identity Server",
  mountPath: "",
  issuerPath: "/oauth2/token",
  tls: true,
  isProviderPath: (path) =>
    PROVIDER_PATHS.has(path) || PROVIDER_PREFIXES.some((prefix) => path.startsWith(prefix)),
  routes: ROUTES,
  signing: { alg: "RS256", kid: "x5t" },
  scopes: [
    { name: "openid", description: "openid", claims: ["sub"] },
    { name: "profile", description: "profile", claims: ["given_name", "family_name"] },
    { name: "email", description: "email", claims: ["email"] },
    // The SCIM2 Me API's scope: no claims, only the right to call /scim2/Me.
    { name: "internal_login", description: "internal_login", claims: [] },
  ],
  subject: wso2Subject,
  claims: (user) => ({
    given_name: user.givenName,
    family_name: user.familyName,
    email: user.email,
  }),
  pkceRequired: false,
  refreshTokens: true,
  // RenewRefreshTokenForRefreshGrant (true by default, OAuthServerConfiguration): each refresh issues
  // a new refresh token and makes the old one INACTIVE; the old access token (same row) goes with it.
  refresh: { rotate: true, deleteRotated: true, revokeEarlierAccessTokens: true },
  authorizationResponseIss: false,
  // IS 7 defaults: user access token and ID token 3600 s, code 300 s, refresh token 86400 s.
  ttl: { accessToken: 3600, idToken: 3600, authorizationCode: 300, refreshToken: 86400 },
  cookiePrefix: "wso2_",
  interactions: {
    loginPath: LOGIN_PAGE,
    consentPath: CONSENT_PAGE,
    loginUrl: (_authorizeUrl, interaction) => `${LOGIN_PAGE}?${loginQuery(interaction)}`,
    consentUrl: (interaction) => `${CONSENT_PAGE}?${consentQuery(interaction)}`,
  },
  pages: {
    login: (view) => wso2LoginPage({ sessionDataKey: "", failed: view.error }),
    consent: (view) =>
      wso2ConsentPage({
        applicationName: view.applicationName,
        scopes: view.scopes.map((scope) => scope.name),
        sessionDataKeyConsent: "",
      }),
    logout: logoutConsentRedirect,
    logoutSuccess: () => wso2LoggedOutPage(),
    error: (view) => wso2ErrorPage(view),
    notFound: () => wso2NotFoundPage(),
  },
  discovery: (doc, { issuer }) => {
    const origin = new URL(String(doc.token_endpoint)).origin;
    return {
      issuer,
      authorization_endpoint: `${origin}/oauth2/authorize`,
      pushed_authorization_request_endpoint: `${origin}/oauth2/par`,
      token_endpoint: `${origin}/oauth2/token`,
      userinfo_endpoint: `${origin}/oauth2/userinfo`,
      revocation_endpoint: `${origin}/oauth2/revoke`,
      introspection_endpoint: `${origin}/oauth2/introspect`,
      registration_endpoint: `${origin}/api/identity/oauth2/dcr/v1.1/register`,
      jwks_uri: `${origin}/oauth2/jwks`,
      check_session_iframe: `${origin}/oidc/checksession`,
      end_session_endpoint: `${origin}/oidc/logout`,
      device_authorization_endpoint: `${origin}/oauth2/device_authorize`,
      webfinger_endpoint: `${origin}/.well-known/webfinger`,
      scopes_supported: SCOPES_SUPPORTED,
      claims_supported: CLAIMS_SUPPORTED,
      response_types_supported: RESPONSE_TYPES,
      response_modes_supported: ["query", "fragment", "form_post"],
      grant_types_supported: GRANT_TYPES,
      subject_types_supported: ["public", "pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      userinfo_signing_alg_values_supported: ["RS256"],
      request_object_signing_alg_values_supported: ["RS256", "RS384", "RS512", "PS256", "none"],
      token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
      token_endpoint_auth_signing_alg_values_supported: ["RS256", "PS256", "ES256"],
      revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
      introspection_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
      code_challenge_methods_supported: ["S256", "plain"],
      request_parameter_supported: true,
      claims_parameter_supported: true,
      backchannel_logout_supported: true,
      backchannel_logout_session_supported: true,
      frontchannel_logout_supported: true,
      frontchannel_logout_session_supported: true,
      tls_client_certificate_bound_access_tokens: true,
    };
  },
  // JWKS from the keystore: the certificate chain and its SHA-256 thumbprint beside the key.
  jwks: (doc) => ({
    keys: doc.keys.map((key) => {
      const der = Buffer.from(String((key.x5c as string[] | undefined)?.[0] ?? ""), "base64");
      return {
        kty: key.kty,
        "x5t#S256": createHash("sha256").update(der).digest("base64url"),
        e: key.e,
        use: "sig",
        kid: key.kid,
        x5c: key.x5c,
        alg: "RS256",
        n: key.n,
      };
    }),
  }),
  responseHeaders: {
    discovery: { "Content-Type": "application/json" },
    jwks: { "Content-Type": "application/json" },
  },
  shapeRedirect(location, ctx) {
    const isCallback = ctx.route === "authorization" || ctx.route === "resume";
    if (!isCallback || !location.searchParams.has("code") || !ctx.clientId) return location;
    const shaped = new URL(location);
    shaped.searchParams.set(
      "session_state",
      sessionState(ctx.clientId, location.origin, ctx.sessionUid ?? ""),
    );
    return shaped;
  },
  describeError,
  rewriteJson,
  extraRoutes: wso2Routes,
};
