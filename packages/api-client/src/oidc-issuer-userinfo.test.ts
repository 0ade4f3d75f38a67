import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchIssuerUserinfo } from "./oidc-issuer-userinfo.ts";
import { type LocalServer, sendJson, startLocalServer } from "./test-support/local-server.ts";

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer();
  // Two issuers on one server: one whose discovery names a userinfo endpoint, one without.
  server.route("/with/.well-known/openid-configuration", (_req, res) =>
    sendJson(res, 200, discovery(`${server.origin}/with`, `${server.origin}/me`)),
  );
  server.route("/without/.well-known/openid-configuration", (_req, res) =>
    sendJson(res, 200, discovery(`${server.origin}/without`)),
  );
  server.route("/me", (req, res) =>
    req.headers.authorization === "Bearer the-token"
      ? sendJson(res, 200, { sub: "user-1", email: "a@example.com" })
      : sendJson(res, 401, {}),
  );
});

afterAll(() => server.close());

function discovery(issuer: string, userinfo?: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    ...(userinfo ? { userinfo_endpoint: userinfo } : {}),
  };
}

describe("fetchIssuerUserinfo", () => {
  it("finds the endpoint through discovery and sends the access token there", async () => {
    const userinfo = await fetchIssuerUserinfo({
      issuer: `${server.origin}/with`,
      accessToken: "the-token",
    });
    expect(userinfo).toMatchObject({ sub: "user-1", email: "a@example.com" });
    expect(server.seen.at(-1)?.path).toBe("/me");
  });

  it("says so when the discovery document names no userinfo endpoint", async () => {
    await expect(
      fetchIssuerUserinfo({ issuer: `${server.origin}/without`, accessToken: "the-token" }),
    ).rejects.toThrow(/lists no userinfo endpoint/);
  });
});
