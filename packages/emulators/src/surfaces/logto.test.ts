import { rm } from "node:fs/promises";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserSession, formAction, hiddenFields } from "../../test/browser-session.ts";
import {
  logtoAuthorizeUrl,
  logtoSignedInTokens,
  logtoSignIn,
  logtoToken,
} from "../../test/logto-helpers.ts";
import { basicAuth, tempDataDir } from "../../test/oidc-helpers.ts";
import { createEmulator, type Emulator } from "../core/create-emulator.ts";
import { clientsOf, getClient, users } from "../fixtures.ts";
import { logto } from "./logto.ts";
import { API_RESOURCE } from "./logto-data.ts";
import { LOGIN_ERROR } from "./logto-pages.ts";

const client = getClient("logto");
const redirectUri = client.redirectUris[0] ?? "";
const postLogoutRedirectUri = client.postLogoutRedirectUris[0] ?? "";
const alice = users.find((user) => user.username === "alice");

let emulator: Emulator;
let dataDir: string;
let origin: string;
let issuer: string;

beforeAll(async () => {
  dataDir = await tempDataDir();
  emulator = await createEmulator(logto, { port: 0, dataDir }).listen();
  origin = emulator.url;
  issuer = emulator.issuer;
});

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const authorizeUrl = (extra: Record<string, string> = {}) => logtoAuthorizeUrl(emulator, extra);
const signIn = (
  browser: BrowserSession,
  options: { password?: string; extra?: Record<string, string> } = {},
) => logtoSignIn(emulator, browser, options);
const token = (form: Record<string, string>) => logtoToken(emulator, form);
const signedInTokens = (extra: Record<string, string> = {}) => logtoSignedInTokens(emulator, extra);

describe("discovery and keys", () => {
  it("serves oidc-provider's document with Logto's features at /oidc", async () => {
    const response = await fetch(`${origin}/oidc/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const o = origin;
    expect(await response.text()).toBe(
      `{"authorization_endpoint":"${o}/oidc/auth","authorization_response_iss_parameter_supported":true,` +
        `"claims_parameter_supported":false,"claims_supported":["sub","name","picture","username","created_at","updated_at","email","email_verified","custom_data","organizations","organization_data","organization_roles","sid","auth_time","iss"],` +
        `"code_challenge_methods_supported":["S256"],"end_session_endpoint":"${o}/oidc/session/end",` +
        `"grant_types_supported":["authorization_code","refresh_token"],"issuer":"${o}/oidc","jwks_uri":"${o}/oidc/jwks",` +
        `"response_modes_supported":["form_post","fragment","query"],"response_types_supported":["code"],` +
        `"scopes_supported":["openid","offline_access","profile","email","custom_data","urn:logto:scope:organizations","urn:logto:scope:organization_roles"],` +
        `"subject_types_supported":["public"],"token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"],` +
        `"token_endpoint":"${o}/oidc/token","id_token_signing_alg_values_supported":["ES384"],` +
        `"request_parameter_supported":false,"request_uri_parameter_supported":false,"userinfo_endpoint":"${o}/oidc/me",` +
        `"introspection_endpoint":"${o}/oidc/token/introspection","revocation_endpoint":"${o}/oidc/token/revocation",` +
        `"backchannel_logout_supported":true,"backchannel_logout_session_supported":true}`,
    );
  });

  it("publishes one ES384 key", async () => {
    const { keys } = (await (await fetch(`${issuer}/jwks`)).json()) as {
      keys: { alg?: string; crv?: string }[];
    };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ alg: "ES384", crv: "P-384" });
  });
});

describe("sign-in", () => {
  it("shows the sign-in page on the tenant origin, auto-consents and returns iss", async () => {
    const browser = new BrowserSession();
    const { request, login, final } = await signIn(browser);
    expect(login.url).toBe(`${origin}/sign-in?app_id=${client.clientId}`);
    expect(login.text).toContain("Sign in to your account");
    const callback = new URL(final.location ?? "");
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get("state")).toBe(request.state);
    expect(callback.searchParams.get("iss")).toBe(issuer);
    expect(callback.searchParams.get("code")).toBeTruthy();
  });

  it("keeps the user on the sign-in page with an error on a bad password", async () => {
    const browser = new BrowserSession();
    const { final } = await signIn(browser, { password: "wrong" });
    expect(final.status).toBe(200);
    expect(final.location).toBeUndefined();
    expect(final.text).toContain(LOGIN_ERROR);
  });

  it("issues an ES384 ID token with organizations but custom_data only at userinfo", async () => {
    const { status, body } = await signedInTokens();
    expect(status).toBe(200);
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(body.id_token ?? "", jwks, {
      issuer,
      audience: client.clientId,
    });
    expect(protectedHeader.alg).toBe("ES384");
    expect(payload).toMatchObject({
      name: alice?.name,
      email: alice?.email,
      username: "alice",
      organizations: ["wonderland"],
      organization_roles: ["wonderland:admin"],
    });
    expect(payload.custom_data).toBeUndefined();

    const userinfo = await fetch(`${issuer}/me`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({
      custom_data: { plan: "pro", favouriteColour: "blue" },
      organization_data: [
        { id: "wonderland", name: "Wonderland Inc.", description: "Tea parties and croquet" },
      ],
    });
  });
});

describe("refresh tokens", () => {
  it("are issued with offline_access and prompt=consent", async () => {
    const { body } = await signedInTokens();
    expect(body.refresh_token).toBeTypeOf("string");
  });

  it("are not issued without prompt=consent", async () => {
    const { body } = await signedInTokens({ prompt: "login" });
    expect(body.refresh_token).toBeUndefined();
  });

  it("are not issued without offline_access", async () => {
    const { body } = await signedInTokens({ scope: "openid profile email" });
    expect(body.refresh_token).toBeUndefined();
  });
});

describe("resource and organization tokens", () => {
  it("gives a JWT for the API resource, verifiable through the JWKS", async () => {
    const { body } = await signedInTokens();
    const resource = await token({
      grant_type: "refresh_token",
      refresh_token: body.refresh_token ?? "",
      resource: API_RESOURCE,
      client_id: client.clientId,
    });
    expect(resource.status).toBe(200);
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(resource.body.access_token ?? "", jwks, {
      issuer,
      audience: API_RESOURCE,
    });
    expect(protectedHeader).toMatchObject({ alg: "ES384", typ: "at+jwt" });
    expect(payload.scope).toBe("read:data");
    expect(payload.client_id).toBe(client.clientId);
  });

  it("refuses a resource that was not registered", async () => {
    const { body } = await signedInTokens();
    const other = await token({
      grant_type: "refresh_token",
      refresh_token: body.refresh_token ?? "",
      resource: "https://elsewhere.example",
    });
    expect(other.status).toBe(400);
    expect(other.body.error).toBe("invalid_target");
  });

  it("gives an organization token through the refresh grant for a member", async () => {
    const { body } = await signedInTokens();
    const organization = await token({
      grant_type: "refresh_token",
      refresh_token: body.refresh_token ?? "",
      organization_id: "wonderland",
      client_id: client.clientId,
    });
    expect(organization.status).toBe(200);
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    const { payload } = await jwtVerify(organization.body.access_token ?? "", jwks, {
      issuer,
      audience: "urn:logto:organization:wonderland",
    });
    expect(payload.scope).toBe("read:members invite:members");
    expect(payload.sub).toBe(decodeJwt(body.id_token ?? "").sub);
  });

  it("refuses an organization the user is not a member of, and a bad client", async () => {
    const { body } = await signedInTokens();
    const denied = await token({
      grant_type: "refresh_token",
      refresh_token: body.refresh_token ?? "",
      organization_id: "builders",
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe("access_denied");
    const badClient = await fetch(`${issuer}/token`, {
      method: "POST",
      headers: { authorization: basicAuth(client.clientId, "wrong") },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: body.refresh_token ?? "",
        organization_id: "wonderland",
      }),
    });
    expect(badClient.status).toBe(401);
  });

  it("registers each application of the fixtures, and a refresh token works only for its own", async () => {
    // RFC 6749 §6: the refresh token is bound to the client it was issued to.
    const second = clientsOf("logto")[1];
    if (!second) throw new Error("fixtures/clients.json registers no second Logto application");
    const { body } = await signedInTokens();
    const borrowed = await fetch(`${issuer}/token`, {
      method: "POST",
      headers: { authorization: basicAuth(second.clientId, second.clientSecret) },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: body.refresh_token ?? "",
        organization_id: "wonderland",
      }),
    });
    expect(borrowed.status).toBe(400);
    expect(((await borrowed.json()) as { error: string }).error).toBe("invalid_grant");
    const login = await fetch(
      `${issuer}/auth?${new URLSearchParams({
        client_id: second.clientId,
        redirect_uri: second.redirectUris[0] ?? "",
        response_type: "code",
        scope: "openid",
        code_challenge: "x".repeat(43),
        code_challenge_method: "S256",
      })}`,
      { redirect: "manual" },
    );
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toContain(`app_id=${second.clientId}`);
  });

  it("refuses an organization token without the organizations scope", async () => {
    const { body } = await signedInTokens({ scope: "openid offline_access profile" });
    const refused = await token({
      grant_type: "refresh_token",
      refresh_token: body.refresh_token ?? "",
      organization_id: "wonderland",
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe("insufficient_scope");
  });
});

describe("end session", () => {
  it("auto-confirms, returns to the registered URI and ends the IdP session", async () => {
    const { browser } = await signedInTokens();
    const query = new URLSearchParams({
      client_id: client.clientId,
      post_logout_redirect_uri: postLogoutRedirectUri,
    });
    const page = await browser.request(`${issuer}/session/end?${query}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("document.forms[0].submit()");
    const done = await browser.request(formAction(page.text, page.url), {
      form: hiddenFields(page.text),
    });
    expect(done.location).toBe(postLogoutRedirectUri);
    const next = await browser.follow(authorizeUrl().url, origin);
    expect(next.url).toContain("/sign-in");
    expect(next.text).toContain('name="password"');
  });

  it("refuses an unregistered post_logout_redirect_uri", async () => {
    const query = new URLSearchParams({
      client_id: client.clientId,
      post_logout_redirect_uri: "http://evil.example/",
    });
    const response = await fetch(`${issuer}/session/end?${query}`);
    expect(response.status).toBe(400);
  });
});

describe("cancel", () => {
  it("answers access_denied with the state when the user cancels the sign-in", async () => {
    const browser = new BrowserSession();
    const request = authorizeUrl();
    await browser.follow(request.url, origin);
    const cancelled = await browser.follow(`${origin}/sign-in/cancel`, origin);
    const callback = new URL(cancelled.location ?? "");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(request.state);
  });
});

describe("third-party app (LOGTO_EMULATOR_THIRD_PARTY=1)", () => {
  it("shows Logto's consent page; Cancel answers access_denied, Authorize a code", async () => {
    process.env.LOGTO_EMULATOR_THIRD_PARTY = "1";
    try {
      for (const allow of [false, true]) {
        const browser = new BrowserSession();
        const request = authorizeUrl();
        const login = await browser.follow(request.url, origin);
        const consent = await browser.follow(formAction(login.text, login.url), origin, {
          form: { ...hiddenFields(login.text), username: "alice", password: "wonderland-1865" },
        });
        expect(consent.url).toBe(`${origin}/consent`);
        expect(consent.text).toContain(`${client.name} wants to access your account`);
        const final = await browser.follow(formAction(consent.text, consent.url), origin, {
          form: {
            ...hiddenFields(consent.text),
            ...(allow ? { allow: "yes" } : { cancel: "yes" }),
          },
        });
        const callback = new URL(final.location ?? "");
        expect(callback.searchParams.get("state")).toBe(request.state);
        if (allow) expect(callback.searchParams.get("code")).toBeTruthy();
        else expect(callback.searchParams.get("error")).toBe("access_denied");
      }
    } finally {
      delete process.env.LOGTO_EMULATOR_THIRD_PARTY;
    }
  });
});
