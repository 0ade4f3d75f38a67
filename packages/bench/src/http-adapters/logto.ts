import { idps } from "@idp-gallery/registry/idps";
import { findForm, submission } from "../html-form.ts";
import { type HttpIdpAdapter, requiredEnv } from "./types.ts";

// The IdP and the env keys its app reads, from the registry.
const idp = idps.logto;

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
  idp: idp.id,
  nextStep(page, user) {
    const login = findForm(page.text, page.url, "form:has(input[name=password])");
    if (login) return submission(login, { username: user.username, password: user.password });
    const consent = findForm(page.text, page.url, "form:has(button[name=allow])");
    if (consent) return submission(consent, {}, "allow");
    return undefined;
  },
  bareClient(env, appUrl) {
    const endpoint = requiredEnv(env, idp.env.endpoint).replace(/\/$/, "");
    return {
      kind: "oidc",
      client: {
        // The SDK's endpoint is the tenant origin; Logto's OIDC issuer is mounted at /oidc.
        issuer: `${endpoint}/oidc`,
        clientId: requiredEnv(env, idp.env.appId),
        clientSecret: requiredEnv(env, idp.env.appSecret),
        scope: [...RESERVED_SCOPES, ...APP_SCOPES, requiredEnv(env, idp.env.apiScope)].join(" "),
        // The app's route for Logto's redirect (apps/logto/src/app/callback).
        redirectUri: new URL("/callback", appUrl).href,
        authorizationParams: [
          ["prompt", "consent"],
          ["resource", requiredEnv(env, idp.env.apiResource)],
          ["resource", ORGANIZATIONS_RESOURCE],
        ],
      },
    };
  },
};
