import { createHash, randomBytes } from "node:crypto";
import type { Emulator } from "../src/core/create-emulator.ts";
import { getClient } from "../src/fixtures.ts";
import { API_RESOURCE, ORGANIZATIONS_SCOPE } from "../src/surfaces/logto-data.ts";
import { BrowserSession, formAction, hiddenFields } from "./browser-session.ts";
import { basicAuth } from "./oidc-helpers.ts";

/** Driving the Logto emulator as @logto/next does with the gallery's config. */

export const logtoClient = getClient("logto");
export const logtoRedirectUri = logtoClient.redirectUris[0] ?? "";
export const logtoAuth = basicAuth(logtoClient.clientId, logtoClient.clientSecret);
// What @logto/next sends with the gallery's config (reserved scopes + the extras).
export const SDK_SCOPES = `openid offline_access profile email custom_data ${ORGANIZATIONS_SCOPE} urn:logto:scope:organization_roles read:data`;

export function logtoAuthorizeUrl(emulator: Emulator, extra: Record<string, string> = {}) {
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(8).toString("hex");
  const query = new URLSearchParams({
    client_id: logtoClient.clientId,
    redirect_uri: logtoRedirectUri,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state,
    response_type: "code",
    prompt: "consent",
    scope: SDK_SCOPES,
    ...extra,
  });
  // As @logto/js sends them: one `resource` per configured API, plus the organizations resource.
  query.append("resource", API_RESOURCE);
  query.append("resource", "urn:logto:resource:organizations");
  return { url: `${emulator.issuer}/auth?${query}`, verifier, state };
}

export async function logtoSignIn(
  emulator: Emulator,
  browser: BrowserSession,
  options: { username?: string; password?: string; extra?: Record<string, string> } = {},
) {
  const request = logtoAuthorizeUrl(emulator, options.extra);
  const login = await browser.follow(request.url, emulator.url);
  const final = await browser.follow(formAction(login.text, login.url), emulator.url, {
    form: {
      ...hiddenFields(login.text),
      username: options.username ?? "alice",
      password: options.password ?? "wonderland-1865",
    },
  });
  return { request, login, final };
}

export async function logtoToken(emulator: Emulator, form: Record<string, string>) {
  const response = await fetch(`${emulator.issuer}/token`, {
    method: "POST",
    headers: { authorization: logtoAuth, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** Signs in (alice unless told) and redeems the code as the SDK does. */
export async function logtoSignedInTokens(
  emulator: Emulator,
  extra: Record<string, string> = {},
  user: { username?: string; password?: string } = {},
) {
  const browser = new BrowserSession();
  const { request, final } = await logtoSignIn(emulator, browser, { ...user, extra });
  const code = new URL(final.location ?? "").searchParams.get("code") ?? "";
  const exchanged = await logtoToken(emulator, {
    grant_type: "authorization_code",
    code,
    code_verifier: request.verifier,
    redirect_uri: logtoRedirectUri,
    client_id: logtoClient.clientId,
  });
  return { browser, ...exchanged };
}
