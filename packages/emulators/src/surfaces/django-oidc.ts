import { sendHtml } from "../core/http-utils.ts";
import { pythonJson } from "../core/python-json.ts";
import type { ErrorView, ExtraRoute, JsonRequest, JsonResponse, Surface } from "../core/types.ts";
import { djangoOidcPages, LOGOUT_DENIED_PATH } from "./django-oidc-pages.ts";

/**
 * Django OAuth Toolkit 3.x with OIDC_ENABLED, an RSA key and OIDC_RP_INITIATED_LOGOUT_ENABLED,
 * mounted at `o/` as in DOT's docs (oauth2_provider/urls.py, views/oidc.py @3.0.1).
 */

const MOUNT = "/o";

// oauth2_settings defaults: OIDC_RESPONSE_TYPES_SUPPORTED, OIDC_SUBJECT_TYPES_SUPPORTED, ...
const RESPONSE_TYPES = [
  "code",
  "token",
  "id_token",
  "id_token token",
  "code token",
  "code id_token",
  "code id_token token",
];
const TOKEN_AUTH_METHODS = ["client_secret_post", "client_secret_basic"];
// AbstractGrant.CODE_CHALLENGE_METHODS order.
const CODE_CHALLENGE_METHODS = ["plain", "S256"];
// With OIDC_RSA_PRIVATE_KEY set DOT advertises RS256 then HS256.
const SIGNING_ALGS = ["RS256", "HS256"];

const INVALID_TOKEN =
  "The access token provided is expired, revoked, malformed, or invalid for other reasons.";

// oauthlib / DOT wording for the errors oidc-provider renders as HTML.
const AUTHORIZE_ERRORS: Record<string, string> = {
  invalid_client: "Invalid client_id parameter value.",
  invalid_redirect_uri: "Mismatching redirect URI.",
};
const LOGOUT_ERRORS: Array<[RegExp, string]> = [
  [/post_logout_redirect_uri/, "This client does not have this redirect uri registered."],
  [/id_token_hint/, "The ID Token is expired, revoked, malformed, or otherwise invalid."],
  [
    /client_id does not match/,
    "Mismatch between the Client ID of the ID Token and the Client ID that was provided.",
  ],
  [/client/, "The client is unknown or no client has been included."],
];

function describeError(view: ErrorView): ErrorView {
  if (view.route === "authorization" || view.route === "resume") {
    const description = AUTHORIZE_ERRORS[view.error];
    if (description) return { ...view, status: 400, error: "invalid_request", description };
  }
  if (view.route.startsWith("end_session")) {
    const match = LOGOUT_ERRORS.find(([pattern]) => pattern.test(view.description));
    if (match) return { ...view, status: 400, error: "invalid_request", description: match[1] };
  }
  return view;
}

// oauthlib's BearerToken key order, then the ID token (checked against DOT 1.7.0).
const TOKEN_KEYS = [
  "access_token",
  "expires_in",
  "token_type",
  "scope",
  "refresh_token",
  "id_token",
];

/**
 * A token response as DOT writes it. A refresh has no `id_token`: oauthlib's OpenID Server before
 * 3.3 refreshes with the plain OAuth 2 grant (DOT 1.7.0, and 3.0.1 on oauthlib 3.2.2).
 */
function tokenResponse(body: Record<string, unknown>, refresh: boolean): Record<string, unknown> {
  const keys = [...TOKEN_KEYS, ...Object.keys(body).filter((key) => !TOKEN_KEYS.includes(key))];
  const kept = keys.filter((key) => key in body && !(refresh && key === "id_token"));
  return Object.fromEntries(kept.map((key) => [key, body[key]]));
}

function rewriteJson(route: string, response: JsonResponse, request: JsonRequest): JsonResponse {
  // oauthlib's InvalidGrantError has no description: a bad code and a used, revoked or unknown
  // refresh token answer 400 {"error": "invalid_grant"} (checked against DOT 1.7.0).
  if (route === "token" && response.body.error === "invalid_grant") {
    return { ...response, body: { error: "invalid_grant" } };
  }
  if (route === "token" && response.status === 200) {
    const refresh = request.grantType === "refresh_token";
    return { ...response, body: tokenResponse(response.body, refresh) };
  }
  if (route === "userinfo" && response.body.error === "invalid_token") {
    return {
      ...response,
      status: 401,
      body: { error: "invalid_token", error_description: INVALID_TOKEN },
      headers: {
        "WWW-Authenticate": `Bearer error="invalid_token", error_description="${INVALID_TOKEN}"`,
      },
    };
  }
  return response;
}

// RPInitiatedLogoutView answers a Cancel with LogoutDenied rendered in logout_confirm.html.
const logoutDenied: ExtraRoute = {
  method: "POST",
  path: LOGOUT_DENIED_PATH,
  handle(_req, res, { surface }) {
    sendHtml(
      res,
      400,
      surface.pages.error({
        status: 400,
        error: "logout_denied",
        description: "Logout has been refused by the user.",
        route: "end_session",
      }),
    );
  },
};

const JSON_HEADERS = { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" };

export const djangoOidc: Surface = {
  id: "django-oidc",
  displayName: "Django OAuth Toolkit",
  mountPath: MOUNT,
  routes: {
    authorization: "/authorize/",
    token: "/token/",
    userinfo: "/userinfo/",
    jwks: "/.well-known/jwks.json",
    end_session: "/logout/",
    revocation: "/revoke_token/",
    introspection: "/introspect/",
  },
  signing: { alg: "RS256", kid: "thumbprint" },
  // The SCOPES setting of the gallery's DOT project; scopes_supported lists its keys in order.
  scopes: [
    { name: "openid", description: "OpenID Connect scope", claims: ["sub"] },
    {
      name: "profile",
      description: "Your name and username",
      claims: ["given_name", "family_name", "name", "preferred_username"],
    },
    { name: "email", description: "Your email address", claims: ["email"] },
  ],
  // DOT's validator: sub = str(user.pk); the rest from get_additional_claims (DOT's docs example).
  subject: (user) => user.id,
  claims: (user) => ({
    given_name: user.givenName,
    family_name: user.familyName,
    name: user.name,
    preferred_username: user.username,
    email: user.email,
  }),
  pkceRequired: true,
  refreshTokens: true,
  // ROTATE_REFRESH_TOKEN (True): every refresh revokes the old refresh token and deletes its access
  // token (OAuth2Validator.save_bearer_token, RefreshToken.revoke); REFRESH_TOKEN_REUSE_PROTECTION
  // (False) leaves the new token working when the old one is replayed.
  refresh: { rotate: true, deleteRotated: true, revokeEarlierAccessTokens: true },
  authorizationResponseIss: false,
  ttl: {
    accessToken: 36000,
    idToken: 36000,
    authorizationCode: 60,
    refreshToken: 30 * 24 * 60 * 60,
  },
  cookiePrefix: "django_oidc_",
  interactions: {
    loginPath: "/accounts/login/",
    consentPath: `${MOUNT}/authorize/consent/`,
    // django.contrib.auth.views.redirect_to_login quotes `next` keeping "/" literal.
    loginUrl: (authorizeUrl) =>
      `/accounts/login/?next=${encodeURIComponent(authorizeUrl).replaceAll("%2F", "/")}`,
  },
  pages: djangoOidcPages,
  discovery: (doc, { scopes, claims }) => ({
    issuer: doc.issuer,
    authorization_endpoint: doc.authorization_endpoint,
    token_endpoint: doc.token_endpoint,
    userinfo_endpoint: doc.userinfo_endpoint,
    jwks_uri: doc.jwks_uri,
    scopes_supported: scopes.map((scope) => scope.name),
    response_types_supported: RESPONSE_TYPES,
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: SIGNING_ALGS,
    token_endpoint_auth_methods_supported: TOKEN_AUTH_METHODS,
    code_challenge_methods_supported: CODE_CHALLENGE_METHODS,
    claims_supported: claims,
    end_session_endpoint: doc.end_session_endpoint,
  }),
  // JwksInfoView: {"alg", "use", "kid"} then jwcrypto's sorted public members.
  jwks: (doc) => ({
    keys: doc.keys.map((key) => ({
      alg: "RS256",
      use: "sig",
      kid: key.kid,
      e: key.e,
      kty: key.kty,
      n: key.n,
    })),
  }),
  responseHeaders: {
    discovery: JSON_HEADERS,
    jwks: {
      ...JSON_HEADERS,
      // DOT really sends the header name inside the value (still so in 3.0.1).
      "Cache-Control":
        "Cache-Control: public, max-age=3600, stale-while-revalidate=3600, stale-if-error=3600",
    },
  },
  serializeJson: pythonJson,
  rewriteJson,
  describeError,
  extraRoutes: [logoutDenied],
};
