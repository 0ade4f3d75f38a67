import { rm } from "node:fs/promises";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  api,
  appOrigin,
  authorize,
  type BindingJobAnswer,
  createBindingJob,
  managementAuth,
  managementToken,
  managementTokenPath,
  newIdentity,
  tenant,
} from "../../test/beyond-identity-helpers.ts";
import { basicAuth, tempDataDir } from "../../test/oidc-helpers.ts";
import { jsonPost } from "../../test/raw-request.ts";
import { createEmulator, type Emulator } from "../core/create-emulator.ts";
import { createBeyondIdentity } from "./beyond-identity.ts";
import { MANAGEMENT_SCOPES } from "./beyond-identity-management.ts";
import { identityIdFor } from "./beyond-identity-store.ts";

let emulator: Emulator;
let dataDir: string;
let token: string;

const aliceId = identityIdFor("alice");

beforeAll(async () => {
  dataDir = await tempDataDir();
  emulator = await createEmulator(createBeyondIdentity(), { port: 0, dataDir }).listen();
});

beforeEach(async () => {
  await fetch(`${emulator.url}/__emulator/reset`, jsonPost);
  token = await managementToken(emulator);
});

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function tokenRequest(form: Record<string, string>, authorization = managementAuth) {
  return fetch(`${emulator.url}${managementTokenPath}`, {
    method: "POST",
    headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

describe("management token (client credentials, Management API application)", () => {
  it("issues a JWT for aud beyondidentity with every scope when none is asked for", async () => {
    const response = await tokenRequest({ grant_type: "client_credentials" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: "Bearer",
      expires_in: 3600,
      scope: MANAGEMENT_SCOPES.join(" "),
    });
    const jwks = createRemoteJWKSet(new URL(`${emulator.issuer}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(String(body.access_token), jwks, {
      audience: "beyondidentity",
      issuer: `${emulator.url}${managementTokenPath.replace(/\/token$/, "")}`,
    });
    expect(payload).toMatchObject({ sub: tenant.management.clientId });
  });

  it("narrows to the scopes asked for and refuses unknown ones", async () => {
    const narrow = await tokenRequest({
      grant_type: "client_credentials",
      scope: "identities:read",
    });
    expect(((await narrow.json()) as { scope: string }).scope).toBe("identities:read");
    const unknown = await tokenRequest({
      grant_type: "client_credentials",
      scope: "realms:create",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "invalid_scope" });
  });

  it("refuses bad client credentials and other grants", async () => {
    const bad = await tokenRequest(
      { grant_type: "client_credentials" },
      basicAuth(tenant.management.clientId, "wrong"),
    );
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: "invalid_client" });
    const appClient = await tokenRequest(
      { grant_type: "client_credentials" },
      basicAuth(tenant.clientId, tenant.clientSecret),
    );
    expect(appClient.status).toBe(401);
    const other = await tokenRequest({ grant_type: "password" });
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: "unsupported_grant_type" });
  });
});

describe("identities", () => {
  it("needs a valid bearer (401) with the right scope (403)", async () => {
    const none = await fetch(
      `${emulator.url}/v1/tenants/${tenant.tenantId}/realms/${tenant.realmId}/identities`,
    );
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: "unauthenticated" });
    expect((await api(emulator, `${token}x`, "identities")).status).toBe(401);
    // An ID-token-like JWT of the app's issuer is not a management token.
    const { request } = await authorize(emulator);
    expect((await api(emulator, request, "identities")).status).toBe(401);

    const readOnly = await managementToken(emulator, "identities:read");
    const refused = await api(emulator, readOnly, "identities", newIdentity());
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "permission_denied" });
  });

  it("lists the seeded fixture users as identities", async () => {
    const { status, body } = await api<{
      identities: Record<string, unknown>[];
      total_size: number;
    }>(emulator, token, "identities");
    expect(status).toBe(200);
    expect(body.total_size).toBe(2);
    expect(body.identities[0]).toStrictEqual({
      id: aliceId,
      realm_id: tenant.realmId,
      tenant_id: tenant.tenantId,
      display_name: "Alice Liddell",
      create_time: "2026-01-01T00:00:00.000Z",
      update_time: "2026-01-01T00:00:00.000Z",
      traits: { type: "traits_v0", username: "alice", primary_email_address: "alice@example.com" },
    });
  });

  it("creates an identity (200), refuses duplicates (409) and invalid bodies (400)", async () => {
    const input = newIdentity("carol");
    const created = await api(emulator, token, "identities", input);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      realm_id: tenant.realmId,
      tenant_id: tenant.tenantId,
      display_name: "Carol Tester",
      traits: input.identity.traits,
    });
    expect(created.body.create_time).toEqual(created.body.update_time);

    const sameName = await api(emulator, token, "identities", newIdentity("carol"));
    expect(sameName.status).toBe(409);
    expect(sameName.body).toMatchObject({ code: "already_exists" });
    const sameEmail = newIdentity("carol2");
    sameEmail.identity.traits.primary_email_address = "ALICE@example.com";
    expect((await api(emulator, token, "identities", sameEmail)).status).toBe(409);

    const invalid = await api(emulator, token, "identities", {
      identity: { display_name: "", traits: { type: "traits_v1", username: "x" } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: "invalid_argument" });
  });

  it("filters by username or email and reads one identity", async () => {
    const byName = await api<{ identities: { id: string }[]; total_size: number }>(
      emulator,
      token,
      `identities?${new URLSearchParams({ filter: 'traits.username eq "bob"' })}`,
    );
    expect(byName.body.total_size).toBe(1);
    expect(byName.body.identities[0]?.id).toBe(identityIdFor("bob"));
    const byEmail = await api<{ identities: { id: string }[] }>(
      emulator,
      token,
      `identities?${new URLSearchParams({ filter: 'traits.primary_email_address eq "alice@example.com"' })}`,
    );
    expect(byEmail.body.identities.map((identity) => identity.id)).toEqual([aliceId]);
    const nobody = await api<{ identities: unknown[]; total_size: number }>(
      emulator,
      token,
      `identities?${new URLSearchParams({ filter: 'traits.username eq "nobody"' })}`,
    );
    expect(nobody.body).toEqual({ identities: [], total_size: 0 });
    const bad = await api(emulator, token, `identities?filter=${encodeURIComponent("name = x")}`);
    expect(bad.status).toBe(400);

    expect((await api(emulator, token, `identities/${aliceId}`)).body).toMatchObject({
      id: aliceId,
    });
    const missing = await api(emulator, token, "identities/0000000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: "not_found" });
  });

  it("answers 404 for another realm", async () => {
    const response = await fetch(
      `${emulator.url}/v1/tenants/${tenant.tenantId}/realms/${tenant.management.adminRealmId}/identities`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.status).toBe(404);
  });
});

describe("credential-binding jobs", () => {
  it("RETURN: answers the job and the :invokeAuthenticator link", async () => {
    const { status, body } = await createBindingJob(emulator, token, aliceId);
    expect(status).toBe(200);
    const job = body.credential_binding_job;
    expect(job).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      realm_id: tenant.realmId,
      tenant_id: tenant.tenantId,
      identity_id: aliceId,
      delivery_method: "RETURN",
      state: "LINK_SENT",
      post_binding_redirect_uri: `${appOrigin}/passkeys`,
      authenticator_config_id: tenant.authenticatorConfigId,
    });
    const week = Date.parse(job.expire_time ?? "") - Date.parse(job.create_time ?? "");
    expect(week).toBe(7 * 24 * 60 * 60 * 1000);
    expect(body.credential_binding_link).toMatch(
      new RegExp(
        `^${emulator.url}/v1/tenants/${tenant.tenantId}/realms/${tenant.realmId}/identities/${aliceId}/credential-binding-jobs/${job.id}:invokeAuthenticator\\?token=[\\w-]{32,}$`,
      ),
    );
  });

  it(":invokeAuthenticator redirects to the app's /bind with the job's coordinates", async () => {
    const { body } = await createBindingJob(emulator, token, aliceId);
    const link = body.credential_binding_link ?? "";
    const response = await fetch(link, { redirect: "manual" });
    expect(response.status).toBe(302);
    const bind = new URL(response.headers.get("location") ?? "");
    expect(`${bind.origin}${bind.pathname}`).toBe(`${appOrigin}/bind`);
    expect(Object.fromEntries(bind.searchParams)).toEqual({
      api_base_url: emulator.url,
      tenant_id: tenant.tenantId,
      realm_id: tenant.realmId,
      identity_id: aliceId,
      job_id: body.credential_binding_job.id,
      token: new URL(link).searchParams.get("token"),
    });

    // The Invoke URL follows a registered post_binding_redirect_uri, else the first app origin.
    const e2e = await createBindingJob(emulator, token, aliceId, {
      post_binding_redirect_uri: "http://localhost:4102/passkeys",
    });
    const e2eBind = await fetch(e2e.body.credential_binding_link ?? "", { redirect: "manual" });
    expect(e2eBind.headers.get("location")).toMatch(/^http:\/\/localhost:4102\/bind\?/);
    const elsewhere = await createBindingJob(emulator, token, aliceId, {
      post_binding_redirect_uri: "https://example.com/done",
    });
    const fallback = await fetch(elsewhere.body.credential_binding_link ?? "", {
      redirect: "manual",
    });
    expect(fallback.headers.get("location")).toMatch(/^http:\/\/localhost:3002\/bind\?/);
  });

  it("shows an HTML error for a link with a wrong token or an unknown job", async () => {
    const { body } = await createBindingJob(emulator, token, aliceId);
    const link = new URL(body.credential_binding_link ?? "");
    link.searchParams.set("token", "not-the-token");
    const wrong = await fetch(link, { redirect: "manual" });
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await wrong.text()).toContain("This passkey binding link cannot be used");
    const unknown = await fetch(
      link.href.replace(body.credential_binding_job.id ?? "", "0000000000000000"),
      { redirect: "manual" },
    );
    expect(unknown.status).toBe(404);
  });

  it("EMAIL: no link in the answer, a message in the outbox instead", async () => {
    const bob = identityIdFor("bob");
    const { status, body } = await createBindingJob(emulator, token, bob, {
      delivery_method: "EMAIL",
    });
    expect(status).toBe(200);
    expect(body.credential_binding_link).toBeUndefined();
    expect(body.credential_binding_job).toMatchObject({
      delivery_method: "EMAIL",
      state: "LINK_SENT",
    });
    await createBindingJob(emulator, token, aliceId, { delivery_method: "EMAIL" });

    const outbox = await (await fetch(`${emulator.url}/outbox`)).text();
    const recipients = [...outbox.matchAll(/data-to="([^"]+)"/g)].map((match) => match[1]);
    expect(recipients).toEqual(["alice@example.com", "bob@example.org"]);
    expect(outbox).toContain("Bind your passkey");

    const bobs = await (await fetch(`${emulator.url}/outbox?to=bob@example.org`)).text();
    const href = /<a class="button" href="([^"]+)">Bind passkey<\/a>/.exec(bobs)?.[1] ?? "";
    const link = href.replaceAll("&amp;", "&");
    expect(link).toContain(
      `/identities/${bob}/credential-binding-jobs/${body.credential_binding_job.id}:invokeAuthenticator?token=`,
    );
    const followed = await fetch(link, { redirect: "manual" });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toMatch(/^http:\/\/localhost:3002\/bind\?/);
  });

  it("refuses an unknown authenticator config, a bad body and an unknown identity", async () => {
    const config = await createBindingJob(emulator, token, aliceId, {
      authenticator_config_id: "00000000-0000-4000-8000-000000000000",
    });
    expect(config.status).toBe(400);
    const method = await createBindingJob(emulator, token, aliceId, { delivery_method: "SMS" });
    expect(method.status).toBe(400);
    const nobody = await createBindingJob(emulator, token, "0000000000000000");
    expect(nobody.status).toBe(404);
  });

  it("reset clears registered identities, jobs and the outbox", async () => {
    await api(emulator, token, "identities", newIdentity("dave"));
    const job: BindingJobAnswer = (await createBindingJob(emulator, token, aliceId)).body;
    await createBindingJob(emulator, token, aliceId, { delivery_method: "EMAIL" });
    await fetch(`${emulator.url}/__emulator/reset`, jsonPost);

    const fresh = await managementToken(emulator);
    const list = await api<{ total_size: number }>(emulator, fresh, "identities");
    expect(list.body.total_size).toBe(2);
    expect(await (await fetch(`${emulator.url}/outbox`)).text()).toContain("No messages");
    const link = await fetch(job.credential_binding_link ?? "", { redirect: "manual" });
    expect(link.status).toBe(404);
    // Tokens signed before the reset still verify: the keys stay.
    expect(decodeJwt(token).aud).toBe("beyondidentity");
    expect((await api(emulator, token, "identities")).status).toBe(200);
  });
});
