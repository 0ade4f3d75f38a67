import { rm } from "node:fs/promises";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { appOrigin, authorize, redirectUri, tenant } from "../../test/beyond-identity-helpers.ts";
import { tempDataDir } from "../../test/oidc-helpers.ts";
import { jsonPost } from "../../test/raw-request.ts";
import { createEmulator, type Emulator } from "../core/create-emulator.ts";
import { users } from "../fixtures.ts";
import { createBeyondIdentity } from "./beyond-identity.ts";
import { identityIdFor } from "./beyond-identity-store.ts";
import { INVOCATION_ENV, INVOKE_URL_ENV, PKCE_ENV } from "./beyond-identity-tenant.ts";

let emulator: Emulator;
let dataDir: string;

beforeAll(async () => {
  dataDir = await tempDataDir();
  emulator = await createEmulator(createBeyondIdentity(), { port: 0, dataDir }).listen();
});

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  delete process.env[PKCE_ENV];
  delete process.env[INVOKE_URL_ENV];
  delete process.env[INVOCATION_ENV];
});

describe("issuer, discovery and keys", () => {
  it("mounts the application at /v1/tenants/{t}/realms/{r}/applications/{a}", () => {
    expect(emulator.issuer).toBe(
      `${emulator.url}/v1/tenants/000150caae867219/realms/898e1e08d7da2373/applications/1233449b-11c4-4884-b622-0bfbaefd44d3`,
    );
  });

  it("serves exactly the documented discovery fields: no end_session, no RFC 9207", async () => {
    const response = await fetch(`${emulator.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const i = emulator.issuer;
    expect(await response.json()).toStrictEqual({
      issuer: i,
      authorization_endpoint: `${i}/authorize`,
      token_endpoint: `${i}/token`,
      userinfo_endpoint: `${i}/userinfo`,
      jwks_uri: `${i}/.well-known/jwks.json`,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code", "client_credentials", "refresh_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      code_challenge_methods_supported: ["S256"],
      scopes_supported: ["openid"],
    });
  });

  it("publishes one RS256 key and has no logout endpoint", async () => {
    const { keys } = (await (await fetch(`${emulator.issuer}/.well-known/jwks.json`)).json()) as {
      keys: { alg?: string; kty?: string; use?: string }[];
    };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ alg: "RS256", kty: "RSA", use: "sig" });
    expect((await fetch(`${emulator.issuer}/session/end`)).status).toBe(404);
  });
});

describe("authorize (Invocation Type Automatic)", () => {
  it("hands the sign-in to the app's /bi-authenticate with a signed request (302)", async () => {
    const { response, location, request, state } = await authorize(emulator, {
      login_hint: "alice",
    });
    expect(response.status).toBe(302);
    const target = new URL(location ?? "");
    expect(`${target.origin}${target.pathname}`).toBe(`${appOrigin}/bi-authenticate`);
    expect([...target.searchParams.keys()]).toEqual(["request"]);
    expect(decodeProtectedHeader(request)).toMatchObject({ alg: "RS256", typ: "JWT" });

    const jwks = createRemoteJWKSet(new URL(`${emulator.issuer}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(request, jwks, { issuer: emulator.issuer });
    expect(payload).toMatchObject({
      iss: emulator.issuer,
      cid: tenant.clientId,
      tid: tenant.tenantId,
      rid: tenant.realmId,
      aid: tenant.applicationId,
      redirect_uri: redirectUri,
      login_hint: "alice",
    });
    expect(payload.jti).toEqual(expect.any(String));
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeGreaterThan(60);
    // The request carries nothing the app could replay elsewhere: no state, no PKCE challenge.
    expect(JSON.stringify(payload)).not.toContain(state);
  });

  it("uses the origin of the redirect_uri the request names, or BI_EMULATOR_INVOKE_URL", async () => {
    const e2eRedirect = tenant.redirectUris[1] ?? "";
    const e2e = await authorize(emulator, { redirect_uri: e2eRedirect });
    expect(e2e.location).toMatch(/^http:\/\/localhost:4002\/bi-authenticate\?request=/);

    process.env[INVOKE_URL_ENV] = "http://127.0.0.1:5002/somewhere";
    const overridden = await authorize(emulator);
    expect(overridden.location).toMatch(/^http:\/\/127\.0\.0\.1:5002\/bi-authenticate\?request=/);
  });

  it("answers JSON with the URL under Invocation Type Manual", async () => {
    process.env[INVOCATION_ENV] = "manual";
    const { response } = await authorize(emulator);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as { authenticate_url: string };
    expect(Object.keys(body)).toEqual(["authenticate_url"]);
    expect(body.authenticate_url).toMatch(/^http:\/\/localhost:3002\/bi-authenticate\?request=ey/);
  });

  it("requires PKCE by default, and not with BI_EMULATOR_PKCE=optional", async () => {
    const missing = await authorize(emulator, { code_challenge: "", code_challenge_method: "" });
    const error = new URL(missing.location ?? "");
    expect(`${error.origin}${error.pathname}`).toBe(redirectUri);
    expect(error.searchParams.get("error")).toBe("invalid_request");
    expect(error.searchParams.get("error_description")).toMatch(/PKCE/);
    expect(error.searchParams.has("iss")).toBe(false);

    process.env[PKCE_ENV] = "optional";
    const optional = await authorize(emulator, { code_challenge: "", code_challenge_method: "" });
    expect(optional.location).toMatch(/\/bi-authenticate\?request=/);
  });

  it("refuses an unregistered redirect_uri on its own error page", async () => {
    const { response } = await authorize(emulator, {
      redirect_uri: "http://localhost:9999/api/auth/callback/beyondidentity",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("redirect_uri");
  });
});

describe("seeded identities", () => {
  it("derives a stable 16-hex identity id from each fixture username", () => {
    for (const user of users) {
      expect(identityIdFor(user.username)).toMatch(/^[0-9a-f]{16}$/);
      expect(identityIdFor(user.username)).toBe(identityIdFor(user.username));
    }
    expect(identityIdFor("alice")).not.toBe(identityIdFor("bob"));
  });
});

describe("controls", () => {
  it("deny-next and the core's controls answer loopback callers", async () => {
    const denied = await fetch(`${emulator.url}/__emulator/deny-next`, jsonPost);
    expect(denied.status).toBe(200);
    expect(await denied.json()).toEqual({ ok: true, pendingDenials: 1 });
    const health = (await (await fetch(`${emulator.url}/__emulator/health`)).json()) as {
      idp: string;
      issuer: string;
    };
    expect(health).toMatchObject({ idp: "beyond-identity", issuer: emulator.issuer });
    expect((await fetch(`${emulator.url}/__emulator/reset`, jsonPost)).status).toBe(200);
    const again = await fetch(`${emulator.url}/__emulator/deny-next`, jsonPost);
    expect(await again.json()).toEqual({ ok: true, pendingDenials: 1 });
    await fetch(`${emulator.url}/__emulator/reset`, jsonPost);
  });
});
