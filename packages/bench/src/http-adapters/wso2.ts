import { idps } from "@idp-gallery/registry/idps";
import { findForm, submission } from "../html-form.ts";
import { type HttpIdpAdapter, requiredEnv } from "./types.ts";

// The IdP and the env keys its app reads, from the registry.
const idp = idps.wso2;

// WSO2 IS's authentication portal: login.do's form (posted to /commonauth; its onsubmit copies the
// visible username into the hidden `username`, which we do by hand) and oauth2_consent.do (Allow).
export const wso2HttpAdapter: HttpIdpAdapter = {
  idp: idp.id,
  nextStep(page, user) {
    const login = findForm(page.text, page.url, "form#loginForm");
    if (login) {
      return submission(login, {
        usernameUserInput: user.username,
        username: user.username,
        password: user.password,
      });
    }
    const consent = findForm(page.text, page.url, "form#profile");
    if (consent?.buttons.some((button) => button.value === "approve")) {
      return submission(consent, {}, "approve");
    }
    return undefined;
  },
  bareClient(env, appUrl) {
    return {
      kind: "oidc",
      client: {
        issuer: requiredEnv(env, idp.env.issuer),
        clientId: requiredEnv(env, idp.env.clientId),
        clientSecret: requiredEnv(env, idp.env.clientSecret),
        // The scopes of apps/wso2/src/idp.ts.
        scope: "openid internal_login profile email",
        // The Auth.js provider id in apps/wso2/src/idp.ts.
        redirectUri: new URL("/api/auth/callback/wso2is", appUrl).href,
      },
    };
  },
};
