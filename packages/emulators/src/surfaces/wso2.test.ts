import { createHash, X509Certificate } from "node:crypto";
import { rm } from "node:fs/promises";
import { createRemoteJWKSet, customFetch, decodeProtectedHeader, type JWK, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserSession, formAction, hiddenFields } from "../../test/browser-session.ts";
import { tempDataDir } from "../../test/oidc-helpers.ts";
import {
  wso2AuthorizeUrl,
  wso2Client,
  wso2ExchangeCode,
  wso2PostLogoutUri,
  wso2RedirectUri,
  wso2SignIn,
} from "../../test/wso2-helpers.ts";
import { caTrustingFetch } from "../core/ca-fetch.ts";
import { createEmulator, type Emulator } from "../core/create-emulator.ts";
import { users } from "../fixtures.ts";
import { wso2 } from "./wso2.ts";
import { WSO2_LOGIN_FAILED } from "./wso2-pages.ts";
import { wso2Subject } from "./wso2-users.ts";

let emulator: Emulator;
let dataDir: string;
let origin: string;
let trusted: typeof fetch;
const alice = users.find((user) => user.username === "alice");
if (!alice) throw new Error("fixtures/users.json has no alice");

beforeAll(async () => {
  dataDir = await tempDataDir();
  emulator = await createEmulator(wso2, { port: 0, dataDir }).listen();
  origin = emulator.url;
  trusted = caTrustingFetch(emulator.ca?.caFile ?? "");
});

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const browser = () => new BrowserSession(trusted);

async function signedIn(scope?: string) {
  const session = browser();
  const { request, final } = await wso2SignIn(session, origin, { scope });
  const code = new URL(final.location ?? "").searchParams.get("code") ?? "";
  const token = await wso2ExchangeCode(trusted, origin, code, request.verifier);
  return { session, token: token.body };
}

describe("https with the project's development CA", () => {
  it("is served with a localhost certificate that chains to the CA, and refused without it", async () => {
    expect(origin).toMatch(/^https:\/\/localhost:\d+$/);
    expect((await trusted(`${origin}/__emulator/health`)).status).toBe(200);
    const error = await fetch(`${origin}/__emulator/health`).catch((e: Error) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(((error as Error).cause as { code?: string }).code).toBe("SELF_SIGNED_CERT_IN_CHAIN");

    const ca = new X509Certificate(emulator.ca?.caCert ?? "");
    expect(ca.ca).toBe(true);
  });

  it("keeps the same CA when the emulator starts again", async () => {
    const again = await createEmulator(wso2, { port: 0, dataDir }).listen();
    try {
      expect(again.ca?.caCert).toBe(emulator.ca?.caCert);
      expect(again.ca?.serverSpkiSha256).toBe(emulator.ca?.serverSpkiSha256);
    } finally {
      await again.close();
    }
  });
});

function expectedDiscovery(o: string): string {
  const methods =
    '["client_secret_basic","client_secret_post","private_key_jwt","tls_client_auth"]';
  return (
    `{"issuer":"${o}/oauth2/token","authorization_endpoint":"${o}/oauth2/authorize",` +
    `"pushed_authorization_request_endpoint":"${o}/oauth2/par","token_endpoint":"${o}/oauth2/token",` +
    `"userinfo_endpoint":"${o}/oauth2/userinfo","revocation_endpoint":"${o}/oauth2/revoke",` +
    `"introspection_endpoint":"${o}/oauth2/introspect",` +
    `"registration_endpoint":"${o}/api/identity/oauth2/dcr/v1.1/register","jwks_uri":"${o}/oauth2/jwks",` +
    `"check_session_iframe":"${o}/oidc/checksession","end_session_endpoint":"${o}/oidc/logout",` +
    `"device_authorization_endpoint":"${o}/oauth2/device_authorize",` +
    `"webfinger_endpoint":"${o}/.well-known/webfinger",` +
    `"scopes_supported":["openid","address","phone","email","profile","groups","roles"],` +
    `"claims_supported":["sub","name","given_name","family_name","middle_name","nickname","preferred_username","username","profile","picture","website","email","email_verified","gender","birthdate","zoneinfo","locale","phone_number","phone_number_verified","address","updated_at","groups","roles","iss","acr"],` +
    `"response_types_supported":["code","id_token","token","id_token token","code id_token","code token","code id_token token","none"],` +
    `"response_modes_supported":["query","fragment","form_post"],` +
    `"grant_types_supported":["authorization_code","implicit","password","client_credentials","refresh_token","urn:ietf:params:oauth:grant-type:saml2-bearer","urn:ietf:params:oauth:grant-type:jwt-bearer","urn:ietf:params:oauth:grant-type:device_code","urn:ietf:params:oauth:grant-type:token-exchange","iwa:ntlm"],` +
    `"subject_types_supported":["public","pairwise"],"id_token_signing_alg_values_supported":["RS256"],` +
    `"userinfo_signing_alg_values_supported":["RS256"],` +
    `"request_object_signing_alg_values_supported":["RS256","RS384","RS512","PS256","none"],` +
    `"token_endpoint_auth_methods_supported":${methods},` +
    `"token_endpoint_auth_signing_alg_values_supported":["RS256","PS256","ES256"],` +
    `"revocation_endpoint_auth_methods_supported":${methods},` +
    `"introspection_endpoint_auth_methods_supported":${methods},` +
    `"code_challenge_methods_supported":["S256","plain"],"request_parameter_supported":true,` +
    `"claims_parameter_supported":true,"backchannel_logout_supported":true,` +
    `"backchannel_logout_session_supported":true,"frontchannel_logout_supported":true,` +
    `"frontchannel_logout_session_supported":true,"tls_client_certificate_bound_access_tokens":true}`
  );
}

describe("discovery and keys", () => {
  it.each([
    "/oauth2/token/.well-known/openid-configuration",
    "/oauth2/oidcdiscovery/.well-known/openid-configuration",
    "/t/carbon.super/oauth2/token/.well-known/openid-configuration",
  ])("serves the same document byte for byte at %s", async (path) => {
    const response = await trusted(`${origin}${path}`, { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const text = await response.text();
    expect(text).toBe(expectedDiscovery(origin));
    expect(JSON.parse(text)).not.toHaveProperty("authorization_response_iss_parameter_supported");
  });

  it("answers any other {x}/.well-known path with WSO2's 400 text, and hides its own", async () => {
    const response = await trusted(`${origin}/oauth2/authorize/.well-known/openid-configuration`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(await response.text()).toBe(
      "Invalid path to the discovery document. Received path : authorize is not resolvable",
    );
    expect((await trusted(`${origin}/.well-known/openid-configuration`)).status).toBe(404);
    const otherTenant = `${origin}/t/acme.com/oauth2/token/.well-known/openid-configuration`;
    expect((await trusted(otherTenant)).status).toBe(404);
  });

  it("publishes the key with its certificate; kid is `<x5t>_RS256` and ID tokens carry x5t", async () => {
    const { keys } = (await (await trusted(`${origin}/oauth2/jwks`)).json()) as { keys: JWK[] };
    const [key] = keys as [JWK];
    expect(Object.keys(key)).toEqual(["kty", "x5t#S256", "e", "use", "kid", "x5c", "alg", "n"]);
    const der = Buffer.from(key.x5c?.[0] ?? "", "base64");
    const hexThumbprint = createHash("sha256").update(der).digest("hex");
    const x5t = Buffer.from(hexThumbprint).toString("base64url");
    expect(key.kid).toBe(`${x5t}_RS256`);

    const { token } = await signedIn();
    const header = decodeProtectedHeader(String(token.id_token));
    expect(Object.keys(header)).toEqual(["x5t", "kid", "alg"]);
    expect(header).toEqual({ x5t, kid: key.kid, alg: "RS256" });
  });
});

describe("sign-in", () => {
  it("goes through login.do, /commonauth and the consent page, and issues verifiable tokens", async () => {
    const session = browser();
    const { request, login, consent, final } = await wso2SignIn(session, origin);

    const loginQuery = Object.fromEntries(new URL(login.url).searchParams);
    expect(Object.keys(loginQuery)).toEqual([
      "client_id",
      "commonAuthCallerPath",
      "forceAuth",
      "passiveAuth",
      "redirect_uri",
      "response_type",
      "scope",
      "state",
      "tenantDomain",
      "sessionDataKey",
      "relyingParty",
      "type",
      "sp",
      "isSaaSApp",
      "authenticators",
    ]);
    expect(loginQuery).toMatchObject({
      client_id: wso2Client.clientId,
      commonAuthCallerPath: "/oauth2/authorize",
      tenantDomain: "carbon.super",
      sp: wso2Client.name,
      type: "oidc",
      authenticators: "BasicAuthenticator:LOCAL",
      state: request.state,
    });
    expect(formAction(login.text, login.url)).toBe(`${origin}/commonauth`);
    expect(hiddenFields(login.text)).toEqual({ sessionDataKey: loginQuery.sessionDataKey });
    expect(login.text).toContain('data-testid="login-page-password-input"');

    expect(consent.text).toContain(`${wso2Client.name} wants to access your account`);
    expect(hiddenFields(consent.text)).toHaveProperty("sessionDataKeyConsent");

    const callback = new URL(final.location ?? "");
    expect(`${callback.origin}${callback.pathname}`).toBe(wso2RedirectUri);
    expect(callback.searchParams.get("state")).toBe(request.state);
    expect(callback.searchParams.get("session_state")).toMatch(/^[0-9a-f]{64}\.[0-9a-f]{32}$/);
    expect(callback.searchParams.has("iss")).toBe(false);

    const code = callback.searchParams.get("code") ?? "";
    const token = await wso2ExchangeCode(trusted, origin, code, request.verifier);
    expect(token.status).toBe(200);
    expect(String(token.body.scope).split(" ").sort()).toEqual(
      ["email", "internal_login", "openid", "profile"].sort(),
    );
    const jwks = createRemoteJWKSet(new URL(`${origin}/oauth2/jwks`), { [customFetch]: trusted });
    const { payload } = await jwtVerify(String(token.body.id_token), jwks, {
      issuer: `${origin}/oauth2/token`,
      audience: wso2Client.clientId,
    });
    expect(payload).toMatchObject({
      sub: wso2Subject(alice),
      nonce: request.nonce,
      given_name: alice.givenName,
      family_name: alice.familyName,
      email: alice.email,
    });
    expect(payload.sub).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("sends a bad password back to login.do with authFailure and shows the error", async () => {
    const session = browser();
    const { login, consent } = await wso2SignIn(session, origin, { password: "wrong" });
    const failed = new URL(consent.url);
    expect(`${failed.origin}${failed.pathname}`).toBe(`${origin}/authenticationendpoint/login.do`);
    expect(failed.searchParams.get("authFailure")).toBe("true");
    expect(failed.searchParams.get("authFailureMsg")).toBe("login.fail.message");
    expect(failed.searchParams.get("sessionDataKey")).toBe(
      new URL(login.url).searchParams.get("sessionDataKey"),
    );
    expect(consent.status).toBe(200);
    expect(consent.text).toContain(
      `id="error-msg" data-testid="login-page-error-message">${WSO2_LOGIN_FAILED}</div>`,
    );
  });

  it("redirects with error=access_denied and the state when consent is denied", async () => {
    const { request, final } = await wso2SignIn(browser(), origin, { approve: false });
    const callback = new URL(final.location ?? "");
    expect(`${callback.origin}${callback.pathname}`).toBe(wso2RedirectUri);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(request.state);
    expect(callback.searchParams.has("code")).toBe(false);
  });

  it("shows the oauth2 error page for an unknown client", async () => {
    const response = await trusted(`${origin}/oauth2/authorize?client_id=nope&response_type=code`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(
      "A valid OAuth client could not be found for the given client_id.",
    );
  });
});

describe("RP-initiated logout with the logout consent page", () => {
  function logoutUrl(idToken: string, postLogout = wso2PostLogoutUri) {
    const query = new URLSearchParams({
      id_token_hint: idToken,
      post_logout_redirect_uri: postLogout,
      state: "bye-123",
    });
    return `${origin}/oidc/logout?${query}`;
  }

  it("asks on oauth2_logout_consent.do, then returns to the registered URI with state", async () => {
    const { session, token } = await signedIn();
    const prompt = await session.follow(logoutUrl(String(token.id_token)), origin);
    expect(prompt.url).toMatch(
      new RegExp(`^${origin}/authenticationendpoint/oauth2_logout_consent\\.do\\?sessionDataKey=`),
    );
    expect(prompt.text).toContain("Are you sure that you want to logout?");
    expect(formAction(prompt.text, prompt.url)).toBe(`${origin}/oidc/logout`);

    const done = await session.follow(formAction(prompt.text, prompt.url), origin, {
      form: { ...hiddenFields(prompt.text), consent: "approve" },
    });
    expect(done.location).toBe(`${wso2PostLogoutUri}?state=bye-123`);

    const next = await session.follow(wso2AuthorizeUrl(origin).url, origin);
    expect(next.url).toContain("/authenticationendpoint/login.do?");
  });

  it("keeps the IdP session when the user says No", async () => {
    const { session, token } = await signedIn();
    const prompt = await session.follow(logoutUrl(String(token.id_token)), origin);
    const denied = await session.follow(formAction(prompt.text, prompt.url), origin, {
      form: { ...hiddenFields(prompt.text), consent: "deny" },
    });
    expect(denied.url).toContain("/authenticationendpoint/oauth2_error.do?");
    expect(denied.text).toContain("End User denied the logout request");
    const next = await session.follow(wso2AuthorizeUrl(origin).url, origin);
    expect(next.url).toContain("/authenticationendpoint/oauth2_consent.do?");
  });

  it("refuses a post_logout_redirect_uri that is not a registered callback", async () => {
    const { session, token } = await signedIn();
    const response = await session.request(
      logoutUrl(String(token.id_token), "http://evil.example/"),
    );
    expect(response.status).toBe(400);
    expect(response.location).toBeUndefined();
    expect(response.text).toContain("Post logout URI does not match with registered callback URI.");
  });
});

describe("SCIM2 /Me", () => {
  const meResource = (location: string) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    id: wso2Subject(alice),
    userName: "alice",
    name: { givenName: alice.givenName, familyName: alice.familyName },
    emails: [{ value: alice.email, primary: true, type: "home" }],
    meta: {
      created: expect.any(String),
      lastModified: expect.any(String),
      resourceType: "User",
      location,
    },
  });

  it.each(["/scim2/Me", "/t/carbon.super/scim2/Me"])(
    "answers %s with the user's resource for a token with internal_login",
    async (path) => {
      const { token } = await signedIn();
      const response = await trusted(`${origin}${path}`, {
        headers: { authorization: `Bearer ${token.access_token}`, accept: "application/scim+json" },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/scim+json");
      expect(await response.json()).toEqual(
        meResource(`${origin}/scim2/Users/${wso2Subject(alice)}`),
      );
    },
  );

  it.each([
    ["no token", undefined],
    ["an unknown token", "Bearer not-a-token"],
  ])("answers %s with a SCIM 401 error", async (_label, authorization) => {
    const response = await trusted(`${origin}/t/carbon.super/scim2/Me`, {
      headers: authorization ? { authorization } : {},
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/scim+json");
    expect(await response.json()).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      detail:
        "Authorization failure. Authorization information was invalid or missing from your request.",
      status: "401",
    });
  });

  it("answers a token without internal_login with a SCIM 403 error", async () => {
    const { token } = await signedIn("openid profile email");
    expect(String(token.scope).split(" ")).not.toContain("internal_login");
    const response = await trusted(`${origin}/scim2/Me`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      detail: "Operation is not permitted. You do not have permissions to make this request.",
      status: "403",
    });
  });
});
