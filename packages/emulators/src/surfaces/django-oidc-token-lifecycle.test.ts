import { rm } from "node:fs/promises";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BrowserSession } from "../../test/browser-session.ts";
import {
  basicAuth,
  exchangeCode,
  postLogoutRedirectUri,
  signIn,
  tempDataDir,
} from "../../test/oidc-helpers.ts";
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
import type { EmulatorControl } from "../control.ts";
import { createEmulator, type Emulator } from "../core/create-emulator.ts";
import { djangoOidc } from "./django-oidc.ts";

let emulator: Emulator;
let control: EmulatorControl;
let dataDir: string;
let client: TokenClient;

beforeAll(async () => {
  dataDir = await tempDataDir();
  emulator = await createEmulator(djangoOidc, { port: 0, dataDir }).listen();
  control = controlFor(emulator, REQUEST_TIMEOUT_MS);
  const issuer = emulator.issuer;
  client = {
    fetch: (...args) => fetch(...args),
    auth: basicAuth(),
    token: `${issuer}/token/`,
    userinfo: `${issuer}/userinfo/`,
    introspection: `${issuer}/introspect/`,
  };
});

beforeEach(() => control.reset());

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function tokensFor(username = "alice", password = "wonderland-1865") {
  const { request, final } = await signIn(new BrowserSession(), emulator.url, emulator.issuer, {
    username,
    password,
  });
  const code = new URL(final.location ?? "").searchParams.get("code") ?? "";
  return (await exchangeCode(emulator.issuer, code, request.verifier)).body;
}

describe("token-lifetimes", () => {
  it("sets expires_in and the real exp of tokens issued afterwards; reset restores DOT's", async () => {
    const before = await tokensFor();
    expect(
      await control.setTokenLifetimes({
        accessTokenSeconds: 120,
        idTokenSeconds: 90,
        refreshTokenSeconds: 300,
      }),
    ).toEqual({ accessTokenSeconds: 120, idTokenSeconds: 90, refreshTokenSeconds: 300 });
    const tokens = await tokensFor();
    expect(tokens.expires_in).toBe(120);
    expect(lifetimeOf(await introspect(client, tokens.access_token))).toBe(120);
    expect(idTokenLifetime(tokens.id_token)).toBe(90);
    expect(lifetimeOf(await introspect(client, tokens.refresh_token))).toBe(300);
    // Tokens issued before the call keep their lifetime (DOT: ACCESS_TOKEN_EXPIRE_SECONDS 36000).
    expect(lifetimeOf(await introspect(client, before.access_token))).toBe(36000);
    // A refresh issues with the new lifetimes too.
    expect((await refresh(client, tokens.refresh_token)).body.expires_in).toBe(120);

    await control.reset();
    const restored = await tokensFor();
    expect(restored.expires_in).toBe(36000);
    expect(idTokenLifetime(restored.id_token)).toBe(36000);
  });
});

describe("refresh (ROTATE_REFRESH_TOKEN, checked against DOT 1.7.0)", () => {
  it("rotates, answers without id_token, and ends the old access token", async () => {
    const tokens = await tokensFor();
    const refreshed = await refresh(client, tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    // DOT 1.7.0's refresh response: these keys in this order, no id_token.
    expect(Object.keys(refreshed.body)).toEqual([
      "access_token",
      "expires_in",
      "token_type",
      "scope",
      "refresh_token",
    ]);
    expect(refreshed.body.refresh_token).not.toBe(tokens.refresh_token);
    // RefreshToken.revoke() deletes the access token it was issued with.
    expect((await userinfo(client, tokens.access_token)).status).toBe(401);
    expect((await userinfo(client, refreshed.body.access_token)).status).toBe(200);
  });

  it("refuses the old refresh token with a bare invalid_grant and keeps the new one", async () => {
    const tokens = await tokensFor();
    const refreshed = await refresh(client, tokens.refresh_token);
    // oauthlib's InvalidGrantError (DOT 1.7.0: 400 {"error": "invalid_grant"}).
    expect(await refresh(client, tokens.refresh_token)).toEqual({
      status: 400,
      body: { error: "invalid_grant" },
    });
    // REFRESH_TOKEN_REUSE_PROTECTION is off by default: the replay revokes nothing else.
    expect((await refresh(client, refreshed.body.refresh_token)).status).toBe(200);
  });
});

describe("revoke-refresh-tokens", () => {
  it("destroys one subject's live refresh tokens, then everyone's; access tokens stay", async () => {
    const alice = await tokensFor();
    const bob = await tokensFor("bob", "builder-1999");
    expect(await control.revokeRefreshTokens({ sub: "1" })).toBe(1);
    expect(await refresh(client, alice.refresh_token)).toEqual({
      status: 400,
      body: { error: "invalid_grant" },
    });
    expect((await userinfo(client, alice.access_token)).status).toBe(200);
    const bobRefreshed = await refresh(client, bob.refresh_token);
    expect(bobRefreshed.status).toBe(200);
    expect(await control.revokeRefreshTokens()).toBe(1);
    expect((await refresh(client, bobRefreshed.body.refresh_token)).status).toBe(400);
  });
});

describe("extra-claims", () => {
  it("puts a 12 KB claim in the ID token and userinfo of later sign-ins; reset clears it", async () => {
    await control.setExtraClaims({ gallery_blob: TWELVE_KB, groups: ["readers"] });
    const tokens = await tokensFor();
    expect(decodeJwt(String(tokens.id_token))).toMatchObject({
      sub: "1",
      gallery_blob: TWELVE_KB,
      groups: ["readers"],
    });
    expect((await userinfo(client, tokens.access_token)).body).toMatchObject({
      sub: "1",
      email: "alice@example.com",
      gallery_blob: TWELVE_KB,
    });
    // Discovery stays DOT's: the extra claims are not advertised.
    const discovery = await (
      await fetch(`${emulator.issuer}/.well-known/openid-configuration`)
    ).json();
    expect(discovery.claims_supported).not.toContain("gallery_blob");
    // RP-initiated logout with the ~17 KB ID token as id_token_hint fits the emulator's request head.
    const logout = new URLSearchParams({
      id_token_hint: String(tokens.id_token),
      post_logout_redirect_uri: postLogoutRedirectUri,
    });
    expect((await fetch(`${emulator.issuer}/logout/?${logout}`)).status).toBe(200);

    await control.reset();
    expect(decodeJwt(String((await tokensFor()).id_token)).gallery_blob).toBeUndefined();
  });
});
