import { findForm, submission } from "../html-form.ts";
import { type HttpIdpAdapter, requiredEnv } from "./types.ts";

// What apps/logto asks for through @logto/node (its normalizeLogtoConfig and generateSignInUri): the
// reserved scopes, the app's scopes (apps/logto/src/idp.ts), prompt=consent, and its resources, the
// organizations resource added for the organizations scope.
const RESERVED_SCOPES = ["openid", "offline_access", "profile"];
const APP_SCOPES = [
  "email",
  "custom_data",
  "urn:logto:scope:organizations",
  "urn:logto:scope:organization_roles",
];
const ORGANIZATIONS_RESOURCE = "urn:logto:resource:organizations";

/**
 * Logto's sign-in experience (identifier + password, posted to /sign-in) and, for a third-party app
 * (the e2e targets register it so), its consent page (Authorize / Cancel); a first-party app is
 * consented on the server and never sees that page.
 */
export const logtoHttpAdapter: HttpIdpAdapter = {
  idp: "logto",
  nextStep(page, user) {
    const login = findForm(page.text, page.url, "form:has(input[name=password])");
    if (login) return submission(login, { username: user.username, password: user.password });
    const consent = findForm(page.text, page.url, "form:has(button[name=allow])");
    if (consent) return submission(consent, {}, "allow");
    return undefined;
  },
  bareClient(env, appUrl) {
    const endpoint = requiredEnv(env, "LOGTO_ENDPOINT").replace(/\/$/, "");
    return {
      kind: "oidc",
      client: {
        // The SDK's endpoint is the tenant origin; Logto's OIDC issuer is mounted at /oidc.
        issuer: `${endpoint}/oidc`,
        clientId: requiredEnv(env, "LOGTO_APP_ID"),
        clientSecret: requiredEnv(env, "LOGTO_APP_SECRET"),
        scope: [...RESERVED_SCOPES, ...APP_SCOPES, requiredEnv(env, "LOGTO_API_SCOPE")].join(" "),
        // The app's route for Logto's redirect (apps/logto/src/app/callback).
        redirectUri: new URL("/callback", appUrl).href,
        authorizationParams: [
          ["prompt", "consent"],
          ["resource", requiredEnv(env, "LOGTO_API_RESOURCE")],
          ["resource", ORGANIZATIONS_RESOURCE],
        ],
      },
    };
  },
};
