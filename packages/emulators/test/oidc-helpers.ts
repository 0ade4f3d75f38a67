import { createHash, randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getClient } from "../src/fixtures.ts";
import { type BrowserSession, hiddenFields } from "./browser-session.ts";

export const client = getClient("django-oidc");
export const redirectUri = client.redirectUris[0] ?? "";
export const postLogoutRedirectUri = client.postLogoutRedirectUris[0] ?? "";

export function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "idp-emulator-test-"));
}

export function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

export function authorizeUrl(issuer: string, extra: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  const state = randomBytes(8).toString("hex");
  const nonce = randomBytes(8).toString("hex");
  const query = new URLSearchParams({
    client_id: client.clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: "openid profile email",
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...extra,
  });
  return { url: `${issuer}/authorize/?${query}`, verifier, state, nonce };
}

export function basicAuth(id = client.clientId, secret = client.clientSecret): string {
  // RFC 6749 §2.3.1: form-urlencode each part before base64, as oauth4webapi does.
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString("base64")}`;
}

/** Drives login and (optionally) consent; returns the final redirect to the RP. */
export async function signIn(
  browser: BrowserSession,
  origin: string,
  issuer: string,
  options: { username?: string; password?: string; approve?: boolean } = {},
) {
  const request = authorizeUrl(issuer);
  const login = await browser.follow(request.url, origin);
  if (!login.url.startsWith(`${origin}/accounts/login/`)) {
    throw new Error(`expected the login page, got ${login.status} ${login.url}`);
  }
  const afterLogin = await browser.follow(login.url, origin, {
    form: {
      ...hiddenFields(login.text),
      username: options.username ?? "alice",
      password: options.password ?? "wonderland-1865",
    },
  });
  const consent = afterLogin;
  const final = await browser.follow(consent.url, origin, {
    form: {
      ...hiddenFields(consent.text),
      ...(options.approve === false ? {} : { allow: "Authorize" }),
    },
  });
  return { request, login, consent, final };
}

export async function exchangeCode(issuer: string, code: string, verifier: string) {
  const response = await fetch(`${issuer}/token/`, {
    method: "POST",
    headers: {
      authorization: basicAuth(),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, string | number>,
  };
}
