import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidBodyError } from "./errors.ts";
import { discoveryUrl, fetchDiscovery } from "./oidc-discovery.ts";
import { type LocalServer, sendJson, startLocalServer } from "./test-support/local-server.ts";

let server: LocalServer;

// Serves metadata naming `issuer` exactly as given, for whichever tenant path is asked.
const metadata = (issuer: string) => ({
  issuer,
  authorization_endpoint: `${server.origin}/authorize`,
  token_endpoint: `${server.origin}/token`,
  jwks_uri: `${server.origin}/jwks`,
  end_session_endpoint: `${server.origin}/logout`,
  code_challenge_methods_supported: ["S256"],
});

beforeAll(async () => {
  server = await startLocalServer();
  server.route("/.well-known/openid-configuration", (_req, res) =>
    sendJson(res, 200, metadata(server.origin)),
  );
  server.route("/oidc/.well-known/openid-configuration", (_req, res) =>
    sendJson(res, 200, metadata(`${server.origin}/oidc/`)),
  );
  server.route("/broken/.well-known/openid-configuration", (_req, res) =>
    sendJson(res, 200, { issuer: `${server.origin}/broken` }),
  );
});

afterAll(() => server.close());

describe("discoveryUrl", () => {
  it("appends the well-known path without a double slash", () => {
    expect(discoveryUrl("https://idp.example")).toBe(
      "https://idp.example/.well-known/openid-configuration",
    );
    expect(discoveryUrl("https://idp.example/")).toBe(
      "https://idp.example/.well-known/openid-configuration",
    );
    expect(discoveryUrl("https://idp.example/realms/a/")).toBe(
      "https://idp.example/realms/a/.well-known/openid-configuration",
    );
    expect(discoveryUrl("https://idp.example/oauth2/token")).toBe(
      "https://idp.example/oauth2/token/.well-known/openid-configuration",
    );
  });

  it("refuses issuers with a query or another scheme", () => {
    expect(() => discoveryUrl("https://idp.example/?tenant=a")).toThrow(TypeError);
    expect(() => discoveryUrl("ftp://idp.example")).toThrow(TypeError);
  });
});

describe("fetchDiscovery", () => {
  it("returns the metadata, e.g. the end-session endpoint", async () => {
    const result = await fetchDiscovery({ issuer: server.origin });
    expect(result.end_session_endpoint).toBe(`${server.origin}/logout`);
    expect(result.code_challenge_methods_supported).toEqual(["S256"]);
    expect(server.seen.at(-1)?.path).toBe("/.well-known/openid-configuration");
  });

  it("keeps a trailing slash in the issuer comparison but not in the path", async () => {
    const issuer = `${server.origin}/oidc/`;
    await expect(fetchDiscovery({ issuer })).resolves.toMatchObject({ issuer });
    expect(server.seen.at(-1)?.path).toBe("/oidc/.well-known/openid-configuration");
  });

  it("rejects a document for a different issuer", async () => {
    const error = await fetchDiscovery({ issuer: `${server.origin}/` }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidBodyError);
    expect(error.message).toBe(
      `${server.origin}/.well-known/openid-configuration describes issuer "${server.origin}", ` +
        `but "${server.origin}/" is configured; they must match exactly.`,
    );
    const noSlash = await fetchDiscovery({ issuer: `${server.origin}/oidc` }).catch((e) => e);
    expect(noSlash).toBeInstanceOf(InvalidBodyError);
  });

  it("rejects metadata missing required endpoints", async () => {
    const error = await fetchDiscovery({ issuer: `${server.origin}/broken` }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidBodyError);
    expect(error.issues.map((issue: { path: string[] }) => issue.path[0])).toEqual([
      "authorization_endpoint",
      "token_endpoint",
      "jwks_uri",
    ]);
  });
});
