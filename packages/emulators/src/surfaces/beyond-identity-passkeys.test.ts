import { rm } from "node:fs/promises";
import { SoftwareAuthenticator } from "@idp-gallery/emulators/testing";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  api,
  appOrigin,
  authenticate,
  authorize,
  bindPasskey,
  createBindingJob,
  followBindingLink,
  managementToken,
  newIdentity,
  postJson,
  redeem,
  redirectUri,
  tenant,
} from "../../test/beyond-identity-helpers.ts";
import { tempDataDir } from "../../test/oidc-helpers.ts";
import { jsonPost } from "../../test/raw-request.ts";
import { createEmulator, type Emulator } from "../core/create-emulator.ts";
import { createBeyondIdentity } from "./beyond-identity.ts";
import { identityIdFor } from "./beyond-identity-store.ts";
import { PKCE_ENV } from "./beyond-identity-tenant.ts";

let emulator: Emulator;
let dataDir: string;
const aliceId = identityIdFor("alice");

beforeAll(async () => {
  dataDir = await tempDataDir();
  emulator = await createEmulator(createBeyondIdentity(), { port: 0, dataDir }).listen();
});

beforeEach(async () => {
  await fetch(`${emulator.url}/__emulator/reset`, jsonPost);
});

afterEach(() => {
  delete process.env[PKCE_ENV];
});

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const codeOf = (redirectUrl: string) => new URL(redirectUrl).searchParams.get("code") ?? "";

describe("binding a passkey (credential-binding job → WebAuthn registration)", () => {
  it("registers a verified credential and answers the passkey with its identity", async () => {
    const { passkey } = await bindPasskey(emulator, aliceId);
    expect(passkey).toStrictEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      credential_id: expect.stringMatching(/^[\w-]{43}$/),
      create_time: expect.any(String),
      identity: {
        id: aliceId,
        username: "alice",
        display_name: "Alice Liddell",
        primary_email_address: "alice@example.com",
      },
      tenant: { id: tenant.tenantId, display_name: tenant.tenantDisplayName },
      realm: { id: tenant.realmId, display_name: tenant.realmDisplayName },
    });
  });

  it("offers registration options for the identity with a random user id each time", async () => {
    const token = await managementToken(emulator);
    const job = await createBindingJob(emulator, token, aliceId);
    const { jobUrl, token: bindToken } = await followBindingLink(
      job.body.credential_binding_link ?? "",
    );
    const first = await postJson<{ options: PublicKeyCredentialCreationOptionsJSON }>(
      `${jobUrl}:registrationOptions`,
      { token: bindToken },
    );
    const second = await postJson<{ options: PublicKeyCredentialCreationOptionsJSON }>(
      `${jobUrl}:registrationOptions`,
      { token: bindToken },
    );
    expect(first.status).toBe(200);
    expect(first.headers.get("access-control-allow-origin")).toBe(appOrigin);
    expect(first.body.options).toMatchObject({
      rp: { id: "localhost", name: tenant.realmDisplayName },
      user: { name: "alice", displayName: "Alice Liddell" },
      attestation: "none",
      authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
    });
    expect(first.body.options.user.id).not.toBe(second.body.options.user.id);
    expect(first.body.options.challenge).not.toBe(second.body.options.challenge);
  });

  it("completes a job once: the link and the token are used up", async () => {
    const { jobUrl, bindToken } = await bindPasskey(emulator, aliceId);
    const again = await postJson(`${jobUrl}:registrationOptions`, { token: bindToken });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ error: "expired" });
    const link = `${jobUrl}:invokeAuthenticator?token=${bindToken}`;
    const page = await fetch(link, { redirect: "manual" });
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("already used");
  });

  it("refuses a wrong token, an unknown job, a replayed challenge and a bad attestation", async () => {
    const token = await managementToken(emulator);
    const job = await createBindingJob(emulator, token, aliceId);
    const { jobUrl, token: bindToken } = await followBindingLink(
      job.body.credential_binding_link ?? "",
    );
    const wrong = await postJson(`${jobUrl}:registrationOptions`, { token: "x".repeat(43) });
    expect(wrong.status).toBe(401);
    const unknown = await postJson(
      `${jobUrl.replace(/[0-9a-f]{16}$/, "0000000000000000")}:registrationOptions`,
      { token: bindToken },
    );
    expect(unknown.status).toBe(404);
    const invalid = await postJson(`${jobUrl}:complete`, { token: bindToken, response: {} });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: "invalid_request" });

    const { body } = await postJson<{ options: PublicKeyCredentialCreationOptionsJSON }>(
      `${jobUrl}:registrationOptions`,
      { token: bindToken },
    );
    const authenticator = new SoftwareAuthenticator();
    // Another origin than the app's: the attestation does not verify, and the challenge is spent.
    const foreign = authenticator.register(body.options, "http://localhost:6666");
    const refused = await postJson(`${jobUrl}:complete`, { token: bindToken, response: foreign });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "verification_failed" });
    const replayed = await postJson(`${jobUrl}:complete`, {
      token: bindToken,
      response: authenticator.register(body.options, appOrigin),
    });
    expect(replayed.status).toBe(400);
    expect(replayed.body).toMatchObject({ error: "invalid_challenge" });
  });

  it("refuses an attestation without user verification", async () => {
    const token = await managementToken(emulator);
    const job = await createBindingJob(emulator, token, aliceId);
    const { jobUrl, token: bindToken } = await followBindingLink(
      job.body.credential_binding_link ?? "",
    );
    const { body } = await postJson<{ options: PublicKeyCredentialCreationOptionsJSON }>(
      `${jobUrl}:registrationOptions`,
      { token: bindToken },
    );
    const response = new SoftwareAuthenticator().register(body.options, appOrigin, {
      userVerified: false,
    });
    const refused = await postJson(`${jobUrl}:complete`, { token: bindToken, response });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "verification_failed" });
  });
});

describe("signing in with a passkey (authorize → /bi-authenticate → code → token)", () => {
  it("redeems the code at /token (client_secret_basic + PKCE) for an ID token of the identity", async () => {
    const { authenticator, passkey } = await bindPasskey(emulator, aliceId);
    const { request, verifier, state, nonce } = await authorize(emulator);
    const { options, verified } = await authenticate(emulator, request, passkey.id, authenticator);
    expect(options).toMatchObject({
      rpId: "localhost",
      userVerification: "required",
      allowCredentials: [{ id: passkey.credential_id, type: "public-key" }],
    });
    expect(verified.status).toBe(200);
    expect(verified.headers.get("access-control-allow-origin")).toBe(appOrigin);
    expect(verified.body.message).toBe("authenticated");

    const callback = new URL(verified.body.redirect_url);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect([...callback.searchParams.keys()].sort()).toEqual(["code", "state"]);
    expect(callback.searchParams.get("state")).toBe(state);

    const tokens = await redeem(emulator, codeOf(verified.body.redirect_url), verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: "Bearer", expires_in: 86400, scope: "openid" });
    const jwks = createRemoteJWKSet(new URL(`${emulator.issuer}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(String(tokens.body.id_token), jwks, {
      issuer: emulator.issuer,
      audience: tenant.clientId,
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      sub: aliceId,
      name: "Alice Liddell",
      preferred_username: "alice",
      email: "alice@example.com",
      nonce,
    });
    expect(payload.auth_time).toEqual(expect.any(Number));

    const userinfo = await fetch(`${emulator.issuer}/userinfo`, {
      headers: { authorization: `Bearer ${tokens.body.access_token}` },
    });
    expect(await userinfo.json()).toEqual({
      sub: aliceId,
      name: "Alice Liddell",
      preferred_username: "alice",
      email: "alice@example.com",
    });

    // The code is single use, and needs the right verifier.
    expect((await redeem(emulator, codeOf(verified.body.redirect_url), verifier)).status).toBe(400);
  });

  it("signs in an identity created through the Management API", async () => {
    const token = await managementToken(emulator);
    const created = await api<{ id: string }>(emulator, token, "identities", newIdentity("erin"));
    const { authenticator, passkey } = await bindPasskey(emulator, created.body.id);
    const { request, verifier } = await authorize(emulator);
    const { verified } = await authenticate(emulator, request, passkey.id, authenticator);
    const tokens = await redeem(emulator, codeOf(verified.body.redirect_url), verifier);
    expect(decodeJwt(String(tokens.body.id_token))).toMatchObject({
      sub: created.body.id,
      name: "Erin Tester",
      email: "erin@example.net",
    });
  });

  it("refuses a wrong PKCE verifier", async () => {
    const { authenticator, passkey } = await bindPasskey(emulator, aliceId);
    const { request } = await authorize(emulator);
    const { verified } = await authenticate(emulator, request, passkey.id, authenticator);
    const tokens = await redeem(emulator, codeOf(verified.body.redirect_url), "x".repeat(43));
    expect(tokens.status).toBe(400);
    expect(tokens.body).toMatchObject({ error: "invalid_grant" });
  });

  it("refuses a replayed assertion: no second code", async () => {
    const { authenticator, passkey } = await bindPasskey(emulator, aliceId);
    const { request } = await authorize(emulator);
    const { response, verified } = await authenticate(emulator, request, passkey.id, authenticator);
    expect(verified.status).toBe(200);
    const replayed = await postJson(`${emulator.issuer}/bi-authenticate/verify`, {
      request,
      response,
    });
    expect(replayed.status).toBe(410);
    expect(replayed.body).toMatchObject({ error: "expired" });
    expect(replayed.body).not.toHaveProperty("redirect_url");

    // The same assertion against a new sign-in: its challenge was never issued for it.
    const next = await authorize(emulator);
    const elsewhere = await postJson(`${emulator.issuer}/bi-authenticate/verify`, {
      request: next.request,
      response,
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({ error: "invalid_challenge" });
  });

  it("refuses a counter that does not increase", async () => {
    const { authenticator, passkey } = await bindPasskey(emulator, aliceId);
    const first = await authorize(emulator);
    await authenticate(emulator, first.request, passkey.id, authenticator);
    const second = await authorize(emulator);
    const options = await postJson<{
      options: Parameters<SoftwareAuthenticator["authenticate"]>[0];
    }>(`${emulator.issuer}/bi-authenticate/options`, {
      request: second.request,
      passkey_id: passkey.id,
    });
    const cloned = authenticator.authenticate(options.body.options, appOrigin, { counter: 1 });
    const refused = await postJson(`${emulator.issuer}/bi-authenticate/verify`, {
      request: second.request,
      response: cloned,
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "verification_failed" });
    expect(String(refused.body.error_description)).toMatch(/counter/i);
  });

  it("refuses an assertion from another origin or without user verification", async () => {
    const { authenticator, passkey } = await bindPasskey(emulator, aliceId);
    for (const [origin, overrides] of [
      ["http://localhost:6666", {}],
      [appOrigin, { userVerified: false }],
    ] as const) {
      const { request } = await authorize(emulator);
      const options = await postJson<{
        options: Parameters<SoftwareAuthenticator["authenticate"]>[0];
      }>(`${emulator.issuer}/bi-authenticate/options`, { request, passkey_id: passkey.id });
      const response = authenticator.authenticate(options.body.options, origin, overrides);
      const refused = await postJson(`${emulator.issuer}/bi-authenticate/verify`, {
        request,
        response,
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: "verification_failed" });
    }
  });

  it("answers 404 for an unknown passkey, 401 for a forged request, 400 for a bad body", async () => {
    const { request } = await authorize(emulator);
    const unknown = await postJson(`${emulator.issuer}/bi-authenticate/options`, {
      request,
      passkey_id: "0000000000000000",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      error: "not_found",
      error_description: expect.any(String),
    });

    const [header, payload] = request.split(".");
    const forged = await postJson(`${emulator.issuer}/bi-authenticate/options`, {
      request: `${header}.${payload}.${"A".repeat(342)}`,
      passkey_id: "0000000000000000",
    });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ error: "invalid_token" });

    const bad = await postJson(`${emulator.issuer}/bi-authenticate/options`, { request });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: "invalid_request" });
    const notJson = await fetch(`${emulator.issuer}/bi-authenticate/options`, {
      method: "POST",
      headers: { "content-type": "text/plain", origin: appOrigin },
      body: "request=x",
    });
    expect(notJson.status).toBe(400);
  });

  it("answers 410 once the sign-in request is gone (reset)", async () => {
    const { request } = await authorize(emulator);
    await fetch(`${emulator.url}/__emulator/reset`, jsonPost);
    const gone = await postJson(`${emulator.issuer}/bi-authenticate/options`, {
      request,
      passkey_id: "0000000000000000",
    });
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ error: "expired" });
  });

  it("with BI_EMULATOR_PKCE=disabled, mints codes without PKCE and ignores a verifier", async () => {
    process.env[PKCE_ENV] = "disabled";
    const { authenticator, passkey } = await bindPasskey(emulator, aliceId);
    const { request } = await authorize(emulator, {
      code_challenge: "",
      code_challenge_method: "",
    });
    const { verified } = await authenticate(emulator, request, passkey.id, authenticator);
    const tokens = await redeem(emulator, codeOf(verified.body.redirect_url), "y".repeat(43));
    expect(tokens.status).toBe(200);
  });
});

describe("deny-next (Beyond Identity's policy engine denying the authentication)", () => {
  it("answers the next verify with access_denied to the app's redirect_uri, once", async () => {
    const { authenticator, passkey } = await bindPasskey(emulator, aliceId);
    await fetch(`${emulator.url}/__emulator/deny-next`, jsonPost);
    const first = await authorize(emulator);
    const denied = await authenticate(emulator, first.request, passkey.id, authenticator);
    expect(denied.verified.status).toBe(200);
    expect(denied.verified.body.message).toBe("denied by policy");
    const callback = new URL(denied.verified.body.redirect_url);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBeTruthy();
    expect(callback.searchParams.get("state")).toBe(first.state);
    expect(callback.searchParams.has("code")).toBe(false);

    const second = await authorize(emulator);
    const allowed = await authenticate(emulator, second.request, passkey.id, authenticator);
    expect(codeOf(allowed.verified.body.redirect_url)).not.toBe("");
  });

  it("is dropped by reset, along with passkeys", async () => {
    const { passkey } = await bindPasskey(emulator, aliceId);
    await fetch(`${emulator.url}/__emulator/deny-next`, jsonPost);
    await fetch(`${emulator.url}/__emulator/reset`, jsonPost);
    const { request } = await authorize(emulator);
    const gone = await postJson(`${emulator.issuer}/bi-authenticate/options`, {
      request,
      passkey_id: passkey.id,
    });
    expect(gone.status).toBe(404);

    const rebound = await bindPasskey(emulator, aliceId);
    const fresh = await authorize(emulator);
    const { verified } = await authenticate(
      emulator,
      fresh.request,
      rebound.passkey.id,
      rebound.authenticator,
    );
    expect(verified.body.message).toBe("authenticated");
  });
});

describe("CORS for the app's page", () => {
  it("answers preflight for the app's origins only, never with *", async () => {
    const preflight = (origin: string) =>
      fetch(`${emulator.issuer}/bi-authenticate/verify`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    const allowed = await preflight("http://localhost:4102");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:4102");
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "content-type",
    );
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();

    const other = await preflight("http://evil.example");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const { request } = await authorize(emulator);
    const answered = await postJson(
      `${emulator.issuer}/bi-authenticate/options`,
      { request, passkey_id: "0000000000000000" },
      "http://evil.example",
    );
    expect(answered.headers.get("access-control-allow-origin")).toBeNull();
  });
});
