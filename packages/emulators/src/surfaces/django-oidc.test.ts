import { rm } from "node:fs/promises";
import { calculateJwkThumbprint, createRemoteJWKSet, type JWK, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserSession, formAction, hiddenFields } from "../../test/browser-session.ts";
import {
  authorizeUrl,
  client,
  exchangeCode,
  postLogoutRedirectUri,
  redirectUri,
  signIn,
  tempDataDir,
} from "../../test/oidc-helpers.ts";
import { createEmulator, type Emulator } from "../core/create-emulator.ts";
import { users } from "../fixtures.ts";
import { djangoOidc } from "./django-oidc.ts";
import { LOGIN_ERROR } from "./django-oidc-pages.ts";

let emulator: Emulator;
let dataDir: string;
let origin: string;
let issuer: string;

beforeAll(async () => {
  dataDir = await tempDataDir();
  emulator = await createEmulator(djangoOidc, { port: 0, dataDir }).listen();
  origin = emulator.url;
  issuer = emulator.issuer;
});

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function expectedDiscovery(o: string): string {
  return (
    `{"issuer": "${o}/o", "authorization_endpoint": "${o}/o/authorize/", ` +
    `"token_endpoint": "${o}/o/token/", "userinfo_endpoint": "${o}/o/userinfo/", ` +
    `"jwks_uri": "${o}/o/.well-known/jwks.json", "scopes_supported": ["openid", "profile", "email"], ` +
    `"response_types_supported": ["code", "token", "id_token", "id_token token", "code token", "code id_token", "code id_token token"], ` +
    `"subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256", "HS256"], ` +
    `"token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"], ` +
    `"code_challenge_methods_supported": ["plain", "S256"], ` +
    `"claims_supported": ["sub", "given_name", "family_name", "name", "preferred_username", "email"], ` +
    `"end_session_endpoint": "${o}/o/logout/"}`
  );
}

describe("discovery and keys", () => {
  it.each(["", "/"])("serves DOT 3.x's document byte for byte (suffix %j)", async (suffix) => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration${suffix}`, {
      redirect: "manual",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.text()).toBe(expectedDiscovery(origin));
  });

  it("publishes an RS256 key whose kid is its RFC 7638 thumbprint, and keeps it across restarts", async () => {
    const response = await fetch(`${issuer}/.well-known/jwks.json`);
    const text = await response.text();
    const { keys } = JSON.parse(text) as { keys: JWK[] };
    expect(keys).toHaveLength(1);
    const [key] = keys as [JWK];
    expect(Object.keys(key)).toEqual(["alg", "use", "kid", "e", "kty", "n"]);
    expect(key.kid).toBe(await calculateJwkThumbprint(key));
    expect(text).toMatch(/^\{"keys": \[\{"alg": "RS256", "use": "sig", "kid": /);

    const again = await createEmulator(djangoOidc, { port: 0, dataDir }).listen();
    try {
      const second = (await (await fetch(`${again.issuer}/.well-known/jwks.json`)).json()) as {
        keys: JWK[];
      };
      expect(second.keys[0]?.kid).toBe(key.kid);
    } finally {
      await again.close();
    }
  });
});

describe("authorization code flow", () => {
  it("signs alice in with PKCE, nonce and state, and issues verifiable tokens", async () => {
    const browser = new BrowserSession();
    const { request, login, consent, final } = await signIn(browser, origin, issuer);

    expect(login.url).toContain("/accounts/login/?next=/o/authorize/%3F");
    expect(login.text).toContain('name="username"');
    expect(login.text).toContain('<input type="submit" value="Log in">');
    expect(consent.url).toBe(`${origin}/o/authorize/consent/`);
    expect(consent.text).toContain(`Authorize ${client.name}?`);
    expect(consent.text).toContain("Application requires the following permissions");
    expect(consent.text).toContain('name="allow" value="Authorize"');

    const callback = new URL(final.location ?? "");
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get("state")).toBe(request.state);
    expect(callback.searchParams.has("iss")).toBe(false);
    const code = callback.searchParams.get("code") ?? "";

    const token = await exchangeCode(issuer, code, request.verifier);
    expect(token.status).toBe(200);
    expect(token.body.token_type).toBe("Bearer");
    expect(token.body.refresh_token).toBeTypeOf("string");

    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(String(token.body.id_token), jwks, {
      issuer,
      audience: client.clientId,
    });
    const alice = users.find((user) => user.username === "alice");
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      nonce: request.nonce,
      sub: alice?.id,
      name: alice?.name,
      email: alice?.email,
      given_name: alice?.givenName,
      family_name: alice?.familyName,
      preferred_username: "alice",
    });

    const userinfo = await fetch(`${issuer}/userinfo/`, {
      headers: { authorization: `Bearer ${token.body.access_token}` },
    });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toEqual({
      sub: alice?.id,
      given_name: alice?.givenName,
      family_name: alice?.familyName,
      name: alice?.name,
      preferred_username: "alice",
      email: alice?.email,
    });

    // Refresh with client_secret_post, the other method DOT advertises.
    const refreshed = await fetch(`${issuer}/token/`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: String(token.body.refresh_token),
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    });
    expect(refreshed.status).toBe(200);
    expect(((await refreshed.json()) as { access_token?: string }).access_token).toBeTypeOf(
      "string",
    );
  });

  it("asks for consent every time, but not for the password while the session lives", async () => {
    const browser = new BrowserSession();
    await signIn(browser, origin, issuer);
    const again = await browser.follow(authorizeUrl(issuer).url, origin);
    expect(again.url).toBe(`${origin}/o/authorize/consent/`);
    expect(again.text).toContain("Authorize");
  });

  it("re-renders the login form with Django's error on a bad password and issues no code", async () => {
    const browser = new BrowserSession();
    const login = await browser.follow(authorizeUrl(issuer).url, origin);
    const retry = await browser.request(login.url, {
      form: { ...hiddenFields(login.text), username: "alice", password: "wrong" },
    });
    expect(retry.status).toBe(200);
    expect(retry.location).toBeUndefined();
    expect(retry.text).toContain(LOGIN_ERROR);
    expect(retry.text).toContain('value="alice"');
  });

  it("redirects with error=access_denied and the state when consent is cancelled", async () => {
    const browser = new BrowserSession();
    const { request, final } = await signIn(browser, origin, issuer, { approve: false });
    const callback = new URL(final.location ?? "");
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(request.state);
    expect(callback.searchParams.has("code")).toBe(false);
  });

  it("renders DOT's error page, not a stack, for an unknown client", async () => {
    const response = await fetch(`${issuer}/authorize/?client_id=nope&response_type=code`);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain("<h2>Error: invalid_request</h2>");
    expect(text).toContain("Invalid client_id parameter value.");
  });

  it("answers an invalid bearer token at userinfo like DOT", async () => {
    const response = await fetch(`${issuer}/userinfo/`, {
      headers: { authorization: "Bearer not-a-token" },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: "invalid_token",
      error_description:
        "The access token provided is expired, revoked, malformed, or invalid for other reasons.",
    });
  });
});

describe("RP-initiated logout", () => {
  async function signedIn() {
    const browser = new BrowserSession();
    const { request, final } = await signIn(browser, origin, issuer);
    const code = new URL(final.location ?? "").searchParams.get("code") ?? "";
    const token = await exchangeCode(issuer, code, request.verifier);
    return { browser, idToken: String(token.body.id_token) };
  }

  function logoutUrl(idToken: string, postLogout = postLogoutRedirectUri) {
    const query = new URLSearchParams({
      id_token_hint: idToken,
      post_logout_redirect_uri: postLogout,
      state: "bye-123",
    });
    return `${issuer}/logout/?${query}`;
  }

  it("confirms, returns to the registered URI with state, and ends the IdP session", async () => {
    const { browser, idToken } = await signedIn();
    const prompt = await browser.request(logoutUrl(idToken));
    expect(prompt.status).toBe(200);
    expect(prompt.text).toContain(`Confirm Logout requested by ${client.name}`);
    expect(prompt.text).toContain('name="allow" value="Logout"');

    const done = await browser.request(formAction(prompt.text, prompt.url), {
      form: { ...hiddenFields(prompt.text), allow: "Logout" },
    });
    expect(done.location).toBe(`${postLogoutRedirectUri}?state=bye-123`);

    const next = await browser.follow(authorizeUrl(issuer).url, origin);
    expect(next.url).toContain("/accounts/login/");
  });

  it("keeps the session and shows DOT's logout_denied page on Cancel", async () => {
    const { browser, idToken } = await signedIn();
    const prompt = await browser.request(logoutUrl(idToken));
    const cancel = /value="Cancel" formaction="([^"]+)"/.exec(prompt.text)?.[1] ?? "";
    const denied = await browser.request(new URL(cancel, origin).href, {
      form: hiddenFields(prompt.text),
    });
    expect(denied.status).toBe(400);
    expect(denied.text).toContain("Error: logout_denied");
    const next = await browser.follow(authorizeUrl(issuer).url, origin);
    expect(next.url).toBe(`${origin}/o/authorize/consent/`);
  });

  it("refuses an unregistered post_logout_redirect_uri", async () => {
    const { browser, idToken } = await signedIn();
    const response = await browser.request(logoutUrl(idToken, "http://evil.example/"));
    expect(response.status).toBe(400);
    expect(response.location).toBeUndefined();
    expect(response.text).toContain("This client does not have this redirect uri registered.");
  });
});
