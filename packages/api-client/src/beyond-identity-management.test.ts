import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBeyondIdentityManagement } from "./beyond-identity-management.ts";
import { HttpStatusError } from "./errors.ts";
import { type LocalServer, startLocalServer } from "./test-support/local-server.ts";

const realm = "/v1/tenants/000150caae867219/realms/898e1e08d7da2373";
const alice = {
  id: "e372db224c06e850",
  display_name: "Alice Liddell",
  traits: { type: "traits_v0", username: "alice", primary_email_address: "alice@example.com" },
};

let server: LocalServer;
let tokensIssued = 0;

beforeAll(async () => {
  server = await startLocalServer();
  const json = (res: import("node:http").ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  server.route("/token", (req, res, body) => {
    const expected = `Basic ${Buffer.from("mgmt-id:mgmt-secret").toString("base64")}`;
    if (req.headers.authorization !== expected) return json(res, 401, { error: "invalid_client" });
    expect(new URLSearchParams(body).get("grant_type")).toBe("client_credentials");
    tokensIssued += 1;
    json(res, 200, {
      access_token: `token-${tokensIssued}`,
      token_type: "Bearer",
      expires_in: 3600,
    });
  });
  server.route(`${realm}/identities`, (req, res, body) => {
    if (req.method === "GET") {
      const filter = new URL(req.url ?? "", "http://x").searchParams.get("filter");
      const hit = filter === 'traits.primary_email_address eq "alice@example.com"';
      return json(res, 200, { identities: hit ? [alice] : [], total_size: hit ? 1 : 0 });
    }
    const { identity } = JSON.parse(body);
    if (identity.traits.username === "alice") {
      return json(res, 409, { code: "already_exists", message: "identity already exists" });
    }
    json(res, 200, { id: "0123456789abcdef", ...identity });
  });
  server.route(
    `${realm}/identities/e372db224c06e850/credential-binding-jobs`,
    (_req, res, body) => {
      const { job } = JSON.parse(body);
      json(res, 200, {
        credential_binding_job: {
          id: "c4fc2d753ca22b14",
          identity_id: alice.id,
          state: "LINK_SENT",
          ...job,
        },
        ...(job.delivery_method === "RETURN"
          ? {
              credential_binding_link: `${server.origin}${realm}/identities/${alice.id}/credential-binding-jobs/c4fc2d753ca22b14:invokeAuthenticator?token=t`,
            }
          : {}),
      });
    },
  );
});

afterAll(() => server.close());

const management = () =>
  createBeyondIdentityManagement({
    apiBaseUrl: server.origin,
    tenantId: "000150caae867219",
    realmId: "898e1e08d7da2373",
    tokenUrl: `${server.origin}/token`,
    clientId: "mgmt-id",
    clientSecret: "mgmt-secret",
  });

describe("createBeyondIdentityManagement", () => {
  it("creates an identity with traits_v0 under the realm, with a client-credentials bearer", async () => {
    const created = await management().createIdentity({
      displayName: "Carol",
      username: "carol",
      email: "carol@example.com",
    });
    expect(created.traits).toEqual({
      type: "traits_v0",
      username: "carol",
      primary_email_address: "carol@example.com",
    });
    expect(server.seen.at(-1)?.headers.authorization).toMatch(/^Bearer token-\d+$/);
  });

  it("reuses one token for several calls, and asks once when calls race", async () => {
    const client = management();
    const before = tokensIssued;
    await Promise.all([
      client.findIdentity({ email: "alice@example.com" }),
      client.findIdentity({ email: "nobody@example.com" }),
    ]);
    await client.findIdentity({ username: "alice" });
    expect(tokensIssued - before).toBe(1);
  });

  it("finds an identity by email with the API's filter, or answers null", async () => {
    const client = management();
    expect((await client.findIdentity({ email: "alice@example.com" }))?.id).toBe(alice.id);
    expect(await client.findIdentity({ email: 'x"@example.com' })).toBeNull();
  });

  it("reports a duplicate identity as an HTTP 409", async () => {
    const error = await management()
      .createIdentity({ displayName: "Alice", username: "alice", email: "alice@example.com" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(409);
  });

  it("creates RETURN jobs with a link and EMAIL jobs without one", async () => {
    const client = management();
    const returned = await client.createBindingJob(alice.id, {
      deliveryMethod: "RETURN",
      authenticatorConfigId: "cfg",
      postBindingRedirectUri: "http://localhost:3002/",
    });
    expect(returned.credential_binding_link).toContain(":invokeAuthenticator?token=");
    const emailed = await client.createBindingJob(alice.id, {
      deliveryMethod: "EMAIL",
      authenticatorConfigId: "cfg",
    });
    expect(emailed.credential_binding_link).toBeUndefined();
    expect(emailed.credential_binding_job.delivery_method).toBe("EMAIL");
  });

  it("fails with 401 when the management credentials are wrong", async () => {
    const client = createBeyondIdentityManagement({
      apiBaseUrl: server.origin,
      tenantId: "t",
      realmId: "r",
      tokenUrl: `${server.origin}/token`,
      clientId: "mgmt-id",
      clientSecret: "wrong",
    });
    const error = await client.findIdentity({ username: "alice" }).catch((e: unknown) => e);
    expect((error as HttpStatusError).status).toBe(401);
  });
});
