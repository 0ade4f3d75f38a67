import { randomBytes } from "node:crypto";
import { getClient } from "../src/fixtures.ts";
import { type BrowserSession, formAction, hiddenFields } from "./browser-session.ts";
import { basicAuth, pkce } from "./oidc-helpers.ts";

export const wso2Client = getClient("wso2");
export const wso2RedirectUri = wso2Client.redirectUris[0] ?? "";
export const wso2PostLogoutUri = wso2Client.postLogoutRedirectUris[0] ?? "";

/** The authorization request Auth.js sends for the WSO2 app (scope included). */
export function wso2AuthorizeUrl(origin: string, scope = "openid internal_login profile email") {
  const { verifier, challenge } = pkce();
  const state = randomBytes(8).toString("hex");
  const nonce = randomBytes(8).toString("hex");
  const query = new URLSearchParams({
    client_id: wso2Client.clientId,
    response_type: "code",
    redirect_uri: wso2RedirectUri,
    scope,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  return { url: `${origin}/oauth2/authorize?${query}`, verifier, state, nonce };
}

/** login.do → /commonauth → consent → back to the RP; returns each step. */
export async function wso2SignIn(
  browser: BrowserSession,
  origin: string,
  options: { username?: string; password?: string; approve?: boolean; scope?: string } = {},
) {
  const request = wso2AuthorizeUrl(origin, options.scope);
  const login = await browser.follow(request.url, origin);
  if (!login.url.startsWith(`${origin}/authenticationendpoint/login.do?`)) {
    throw new Error(`expected login.do, got ${login.status} ${login.url}`);
  }
  const consent = await browser.follow(formAction(login.text, login.url), origin, {
    form: {
      ...hiddenFields(login.text),
      username: options.username ?? "alice",
      password: options.password ?? "wonderland-1865",
    },
  });
  if (!consent.url.startsWith(`${origin}/authenticationendpoint/oauth2_consent.do?`)) {
    return { request, login, consent, final: consent };
  }
  const final = await browser.follow(formAction(consent.text, consent.url), origin, {
    form: {
      ...hiddenFields(consent.text),
      consent: options.approve === false ? "deny" : "approve",
    },
  });
  return { request, login, consent, final };
}

export async function wso2ExchangeCode(
  fetchImpl: typeof fetch,
  origin: string,
  code: string,
  verifier: string,
) {
  const response = await fetchImpl(`${origin}/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: basicAuth(wso2Client.clientId, wso2Client.clientSecret),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: wso2RedirectUri,
      code_verifier: verifier,
    }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, string | number>,
  };
}
