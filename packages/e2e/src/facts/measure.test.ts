import { describe, expect, it } from "vitest";
import { cookieFacts, discoveryFacts } from "./measure.ts";

describe("discoveryFacts", () => {
  it("reads the protocol facts from a discovery document", () => {
    const url = new URL("http://localhost:8840/oidc/.well-known/openid-configuration");
    expect(
      discoveryFacts(url, {
        issuer: "http://localhost:8840/oidc",
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        end_session_endpoint: "http://localhost:8840/oidc/session/end",
        grant_types_supported: ["authorization_code", "refresh_token"],
        id_token_signing_alg_values_supported: ["ES384"],
      }),
    ).toEqual({
      url: "/oidc/.well-known/openid-configuration",
      issuer: "http://localhost:8840/oidc",
      responseTypes: ["code"],
      pkceMethods: ["S256"],
      tokenEndpointAuthMethods: ["client_secret_basic", "client_secret_post"],
      endSession: true,
      refreshGrant: true,
      signingAlgs: ["ES384"],
    });
  });

  it("falls back to the OIDC defaults where a field is absent", () => {
    const facts = discoveryFacts(new URL("http://idp/.well-known/openid-configuration"), {
      issuer: "http://idp",
    });
    expect(facts).toMatchObject({
      tokenEndpointAuthMethods: ["client_secret_basic"],
      endSession: false,
      refreshGrant: false,
      pkceMethods: [],
    });
  });
});

describe("cookieFacts", () => {
  it("counts name and value bytes and never keeps the value", () => {
    const facts = cookieFacts({
      name: "idpg-logto-4004.session-token",
      value: "é".repeat(10),
      domain: "localhost",
      path: "/",
      expires: -1,
      httpOnly: true,
      secure: false,
      sameSite: "Lax",
    });
    expect(facts).toEqual({
      name: "idpg-logto-4004.session-token",
      bytes: 29 + 20,
      httpOnly: true,
      secure: false,
      sameSite: "Lax",
    });
    expect(JSON.stringify(facts)).not.toContain("é");
  });
});
