import { rm } from "node:fs/promises";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { logtoAuth, logtoClient, logtoSignedInTokens } from "../../test/logto-helpers.ts";
import { tempDataDir } from "../../test/oidc-helpers.ts";
import {
  controlFor,
  idTokenLifetime,
  introspect,
  lifetimeOf,
  refresh,
  type TokenClient,
  TWELVE_KB,
  tokenRequest,
  userinfo,
} from "../../test/token-lifecycle.ts";
import type { EmulatorControl } from "../control.ts";
import { createEmulator, type Emulator } from "../core/create-emulator.ts";
import { findUser } from "../fixtures.ts";
import { logto } from "./logto.ts";
import { API_RESOURCE, logtoProfile } from "./logto-data.ts";

let emulator: Emulator;
let control: EmulatorControl;
let dataDir: string;
let client: TokenClient;

// oidc-provider's InvalidGrant (Logto's engine), RFC 6749 §5.2.
const REFUSED = {
  status: 400,
  body: { error: "invalid_grant", error_description: "grant request is invalid" },
};

beforeAll(async () => {
  dataDir = await tempDataDir();
  emulator = await createEmulator(logto, { port: 0, dataDir }).listen();
  control = controlFor(emulator, REQUEST_TIMEOUT_MS);
  client = {
    fetch: (...args) => fetch(...args),
    auth: logtoAuth,
    token: `${emulator.issuer}/token`,
    userinfo: `${emulator.issuer}/me`,
    introspection: `${emulator.issuer}/token/introspection`,
  };
});

beforeEach(() => control.reset());

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const signedIn = async (username = "alice", password = "wonderland-1865") =>
  (await logtoSignedInTokens(emulator, {}, { username, password })).body;

function subjectOf(username: string): string {
  const user = findUser(username);
  if (!user) throw new Error(`fixtures/users.json has no ${username}`);
  return logtoProfile(user).id;
}

describe("token-lifetimes", () => {
  it("sets expires_in and exp of opaque, resource and organization tokens; reset restores", async () => {
    await control.setTokenLifetimes({
      accessTokenSeconds: 300,
      idTokenSeconds: 200,
      refreshTokenSeconds: 900,
    });
    const tokens = await signedIn();
    expect(tokens.expires_in).toBe(300);
    expect(lifetimeOf(await introspect(client, tokens.access_token))).toBe(300);
    expect(idTokenLifetime(tokens.id_token)).toBe(200);
    expect(lifetimeOf(await introspect(client, tokens.refresh_token))).toBe(900);
    // The API resource's JWT (Logto's accessTokenTtl) and the organization token follow too.
    const resource = await tokenRequest(client, {
      grant_type: "refresh_token",
      refresh_token: String(tokens.refresh_token),
      resource: API_RESOURCE,
    });
    expect(resource.body.expires_in).toBe(300);
    expect(lifetimeOf(decodeJwt(String(resource.body.access_token)))).toBe(300);
    const organization = await tokenRequest(client, {
      grant_type: "refresh_token",
      refresh_token: String(tokens.refresh_token),
      organization_id: "wonderland",
    });
    expect(organization.body.expires_in).toBe(300);
    expect(lifetimeOf(decodeJwt(String(organization.body.access_token)))).toBe(300);

    await control.reset();
    // Logto: AccessToken and IdToken 3600 s, refreshTokenTtlInDays 14.
    const restored = await signedIn();
    expect(restored.expires_in).toBe(3600);
    expect(idTokenLifetime(restored.id_token)).toBe(3600);
    expect(lifetimeOf(await introspect(client, restored.refresh_token))).toBe(14 * 24 * 60 * 60);
  });
});

describe("refresh (oidc-provider's rotateRefreshToken, Logto's default)", () => {
  it("keeps a fresh refresh token of a confidential app", async () => {
    const tokens = await signedIn();
    const refreshed = await refresh(client, tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBe(tokens.refresh_token);
    // Earlier access tokens stay valid (oidc-provider revokes nothing on refresh).
    expect((await userinfo(client, tokens.access_token)).status).toBe(200);
  });

  it("rotates at 70 % of the lifetime; replaying the old one revokes the grant", async () => {
    await control.setTokenLifetimes({ refreshTokenSeconds: 7 });
    const tokens = await signedIn();
    let rotated: unknown;
    // Waits for 70 % of the 7 s lifetime to pass: each refresh before it returns the same token.
    await expect
      .poll(
        async () => {
          rotated = (await refresh(client, tokens.refresh_token)).body.refresh_token;
          return rotated;
        },
        { timeout: 10_000, interval: 200 },
      )
      .not.toBe(tokens.refresh_token);
    expect(rotated).toBeTypeOf("string");
    // oidc-provider's reuse detection: the consumed token is refused and its grant revoked.
    expect(await refresh(client, tokens.refresh_token)).toEqual(REFUSED);
    expect(await refresh(client, rotated)).toEqual(REFUSED);
  });
});

describe("revoke-refresh-tokens", () => {
  it("destroys one subject's live refresh tokens, then everyone's; access tokens stay", async () => {
    const alice = await signedIn();
    const bob = await signedIn("bob", "builder-1999");
    expect(await control.revokeRefreshTokens({ sub: subjectOf("alice") })).toBe(1);
    expect(await refresh(client, alice.refresh_token)).toEqual(REFUSED);
    // The organization-token grant refuses it the same way.
    const organization = await tokenRequest(client, {
      grant_type: "refresh_token",
      refresh_token: String(alice.refresh_token),
      organization_id: "wonderland",
      client_id: logtoClient.clientId,
    });
    expect(organization).toEqual(REFUSED);
    expect((await userinfo(client, alice.access_token)).status).toBe(200);
    expect(await control.revokeRefreshTokens()).toBe(1);
    expect(await refresh(client, bob.refresh_token)).toEqual(REFUSED);
  });
});

describe("extra-claims", () => {
  it("puts a 12 KB claim in the ID token and /oidc/me of later sign-ins; reset clears it", async () => {
    await control.setExtraClaims({ gallery_blob: TWELVE_KB });
    const tokens = await signedIn();
    expect(decodeJwt(String(tokens.id_token)).gallery_blob).toBe(TWELVE_KB);
    expect((await userinfo(client, tokens.access_token)).body).toMatchObject({
      sub: subjectOf("alice"),
      username: "alice",
      gallery_blob: TWELVE_KB,
    });
    // oidc-provider's claims_supported, which Logto serves, does not list the test's claim.
    const discovery = await (
      await fetch(`${emulator.issuer}/.well-known/openid-configuration`)
    ).json();
    expect(discovery.claims_supported).not.toContain("gallery_blob");

    await control.reset();
    expect(decodeJwt(String((await signedIn()).id_token)).gallery_blob).toBeUndefined();
  });
});
