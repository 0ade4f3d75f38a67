import { idps } from "@idp-gallery/registry/idps";
import { findForm, submission } from "../html-form.ts";
import { type HttpIdpAdapter, requiredEnv } from "./types.ts";

// The IdP and the env keys its app reads, from the registry.
const idp = idps["django-oidc"];

// Django's login form (django.contrib.auth LoginView) and DOT's consent form (Authorize / Cancel).
export const djangoOidcHttpAdapter: HttpIdpAdapter = {
  idp: idp.id,
  nextStep(page, user) {
    const login = findForm(page.text, page.url, "form#login-form");
    if (login) {
      return submission(login, { username: user.username, password: user.password });
    }
    const consent = findForm(page.text, page.url, "form#authorizationForm");
    if (consent?.buttons.some((button) => button.name === "allow")) {
      return submission(consent, {}, "Authorize");
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
        scope: "openid profile email",
        // The Auth.js provider id in apps/django-oidc/src/idp.ts.
        redirectUri: new URL("/api/auth/callback/django", appUrl).href,
      },
    };
  },
};
