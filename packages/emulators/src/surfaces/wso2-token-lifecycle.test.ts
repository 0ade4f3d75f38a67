import { rm } from "node:fs/promises";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BrowserSession } from "../../test/browser-session.ts";
import { basicAuth, tempDataDir } from "../../test/oidc-helpers.ts";
import {
  controlFor,
  idTokenLifetime,
  introspect,
  lifetimeOf,
  refresh,
  type TokenClient,
  TWELVE_KB,
  userinfo,
} from "../../test/token-lifecycle.ts";
import { wso2Client, wso2ExchangeCode, wso2SignIn } from "../../test/wso2-helpers.ts";
import type { EmulatorControl } from "../control.ts";
import { caTrustingFetch } from "../core/ca-fetch.ts";
import { createEmulator, type Emulator } from "../core/create-emulator.ts";
import { findUser } from "../fixtures.ts";
import { wso2 } from "./wso2.ts";
import { wso2Subject } from "./wso2-users.ts";

let emulator: Emulator;
let control: EmulatorControl;
let dataDir: string;
let client: TokenClient;

// DefaultRefreshTokenGrantProcessor.validatePersistedAccessToken: the token's row is gone.
const REFUSED = {
  status: 400,
  body: { error_description: "Persisted access token data not found", error: "invalid_grant" },
};

beforeAll(async () => {
  dataDir = await tempDataDir();
  emulator = await createEmulator(wso2, { port: 0, dataDir }).listen();
  control = controlFor(emulator, REQUEST_TIMEOUT_MS);
  client = {
    fetch: caTrustingFetch(emulator.ca?.caFile ?? ""),
    auth: basicAuth(wso2Client.clientId, wso2Client.clientSecret),
    token: `${emulator.url}/oauth2/token`,
    userinfo: `${emulator.url}/oauth2/userinfo`,
    introspection: `${emulator.url}/oauth2/introspect`,
  };
});

beforeEach(() => control.reset());

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function tokensFor(username = "alice", password = "wonderland-1865") {
  const browser = new BrowserSession(client.fetch);
  const { request, final } = await wso2SignIn(browser, emulator.url, { username, password });
  const code = new URL(final.location ?? "").searchParams.get("code") ?? "";
  return (await wso2ExchangeCode(client.fetch, emulator.url, code, request.verifier)).body;
}

function subjectOf(username: string): string {
  const user = findUser(username);
  if (!user) throw new Error(`fixtures/users.json has no ${username}`);
  return wso2Subject(user);
}

describe("token-lifetimes", () => {
  it("sets expires_in and the real exp of tokens issued afterwards; reset restores IS 7's", async () => {
    await control.setTokenLifetimes({
      accessTokenSeconds: 60,
      idTokenSeconds: 45,
      refreshTokenSeconds: 600,
    });
    const tokens = await tokensFor();
    expect(tokens.expires_in).toBe(60);
    expect(lifetimeOf(await introspect(client, tokens.access_token))).toBe(60);
    expect(idTokenLifetime(tokens.id_token)).toBe(45);
    expect(lifetimeOf(await introspect(client, tokens.refresh_token))).toBe(600);

    await control.reset();
    // IS 7 defaults: user access token and ID token 3600 s, refresh token 86400 s.
    const restored = await tokensFor();
    expect(restored.expires_in).toBe(3600);
    expect(idTokenLifetime(restored.id_token)).toBe(3600);
    expect(lifetimeOf(await introspect(client, restored.refresh_token))).toBe(86400);
  });
});

describe("refresh (RenewRefreshTokenForRefreshGrant, true by default)", () => {
  it("renews the refresh token, with a new ID token, and ends the old access token", async () => {
    const tokens = await tokensFor();
    const refreshed = await refresh(client, tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(tokens.refresh_token);
    // The openid scope gets an ID token on the refresh grant too (IdTokenAllowed for refresh_token).
    expect(decodeJwt(String(refreshed.body.id_token)).sub).toBe(subjectOf("alice"));
    // invalidateAndCreateNewAccessToken: the old access token's row goes INACTIVE.
    expect((await userinfo(client, tokens.access_token)).status).toBe(401);
    expect((await userinfo(client, refreshed.body.access_token)).status).toBe(200);
  });

  it("refuses the renewed (old) refresh token and keeps the new one", async () => {
    const tokens = await tokensFor();
    const refreshed = await refresh(client, tokens.refresh_token);
    expect(await refresh(client, tokens.refresh_token)).toEqual(REFUSED);
    expect((await refresh(client, refreshed.body.refresh_token)).status).toBe(200);
  });
});

describe("revoke-refresh-tokens", () => {
  it("destroys one subject's live refresh tokens, then everyone's; access tokens stay", async () => {
    const alice = await tokensFor();
    const bob = await tokensFor("bob", "builder-1999");
    expect(await control.revokeRefreshTokens({ sub: subjectOf("alice") })).toBe(1);
    expect(await refresh(client, alice.refresh_token)).toEqual(REFUSED);
    expect((await userinfo(client, alice.access_token)).status).toBe(200);
    expect(await control.revokeRefreshTokens()).toBe(1);
    expect(await refresh(client, bob.refresh_token)).toEqual(REFUSED);
  });
});

describe("extra-claims", () => {
  it("puts a 12 KB claim in the ID token and userinfo of later sign-ins; reset clears it", async () => {
    await control.setExtraClaims({ gallery_blob: TWELVE_KB });
    const tokens = await tokensFor();
    expect(decodeJwt(String(tokens.id_token)).gallery_blob).toBe(TWELVE_KB);
    expect((await userinfo(client, tokens.access_token)).body).toMatchObject({
      sub: subjectOf("alice"),
      gallery_blob: TWELVE_KB,
    });

    await control.reset();
    expect(decodeJwt(String((await tokensFor()).id_token)).gallery_blob).toBeUndefined();
  });
});
