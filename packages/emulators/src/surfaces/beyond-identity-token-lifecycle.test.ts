import { rm } from "node:fs/promises";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appAuth, signInWithPasskey } from "../../test/beyond-identity-helpers.ts";
import { tempDataDir } from "../../test/oidc-helpers.ts";
import {
  controlFor,
  idTokenLifetime,
  refresh,
  type TokenClient,
  TWELVE_KB,
  userinfo,
} from "../../test/token-lifecycle.ts";
import type { EmulatorControl } from "../control.ts";
import { createEmulator, type Emulator } from "../core/create-emulator.ts";
import { createBeyondIdentity } from "./beyond-identity.ts";
import { identityIdFor } from "./beyond-identity-store.ts";

let emulator: Emulator;
let control: EmulatorControl;
let dataDir: string;
let client: TokenClient;
const aliceId = identityIdFor("alice");
const bobId = identityIdFor("bob");

// The refresh grant per RFC 6749 §5.2 (oidc-provider's InvalidGrant); BI documents no other answer.
const REFUSED = {
  status: 400,
  body: { error: "invalid_grant", error_description: "grant request is invalid" },
};

beforeAll(async () => {
  dataDir = await tempDataDir();
  emulator = await createEmulator(createBeyondIdentity(), { port: 0, dataDir }).listen();
  control = controlFor(emulator, REQUEST_TIMEOUT_MS);
  client = {
    fetch: (...args) => fetch(...args),
    auth: appAuth,
    token: `${emulator.issuer}/token`,
    userinfo: `${emulator.issuer}/userinfo`,
  };
});

beforeEach(() => control.reset());

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const signedIn = async (identityId = aliceId) =>
  (await signInWithPasskey(emulator, identityId)).body;

describe("token-lifetimes", () => {
  it("sets expires_in and the ID token's exp of later sign-ins; reset restores the app's", async () => {
    await control.setTokenLifetimes({ accessTokenSeconds: 600, idTokenSeconds: 120 });
    const tokens = await signedIn();
    expect(tokens.expires_in).toBe(600);
    expect(idTokenLifetime(tokens.id_token)).toBe(120);

    await control.reset();
    // The app's Expires (86400 s, the console's default) and ID token lifetime.
    const restored = await signedIn();
    expect(restored.expires_in).toBe(86400);
    expect(idTokenLifetime(restored.id_token)).toBe(3600);
  });

  it("really ends access and refresh tokens at their new lifetimes", async () => {
    await control.setTokenLifetimes({ accessTokenSeconds: 1, refreshTokenSeconds: 2 });
    const tokens = await signedIn();
    // Waits for the expiry itself (no introspection on the app): userinfo, then the refresh grant.
    await expect
      .poll(async () => (await userinfo(client, tokens.access_token)).status, { timeout: 5000 })
      .toBe(401);
    await expect
      .poll(async () => (await refresh(client, tokens.refresh_token)).status, { timeout: 5000 })
      .toBe(400);
  });
});

describe("refresh (Enable Refresh Tokens on, Rotate disabled: session-management-console.mdx)", () => {
  it("issues a refresh token with the code and keeps it on refresh", async () => {
    const tokens = await signedIn();
    expect(tokens.refresh_token).toBeTypeOf("string");
    const refreshed = await refresh(client, tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    // Rotation disabled: "a refresh token may continue to be used until it expires or is revoked".
    expect(refreshed.body.refresh_token).toBe(tokens.refresh_token);
    expect((await refresh(client, tokens.refresh_token)).status).toBe(200);
    expect((await userinfo(client, refreshed.body.access_token)).status).toBe(200);
  });
});

describe("revoke-refresh-tokens", () => {
  it("destroys one identity's refresh tokens, then everyone's; access tokens stay", async () => {
    const alice = await signedIn();
    const bob = await signedIn(bobId);
    expect(await control.revokeRefreshTokens({ sub: aliceId })).toBe(1);
    expect(await refresh(client, alice.refresh_token)).toEqual(REFUSED);
    expect((await userinfo(client, alice.access_token)).status).toBe(200);
    expect(await control.revokeRefreshTokens()).toBe(1);
    expect(await refresh(client, bob.refresh_token)).toEqual(REFUSED);
  });
});

describe("extra-claims", () => {
  it("puts a 12 KB claim in the ID token and userinfo of later sign-ins; reset clears it", async () => {
    await control.setExtraClaims({ gallery_blob: TWELVE_KB });
    const tokens = await signedIn();
    expect(decodeJwt(String(tokens.id_token))).toMatchObject({
      sub: aliceId,
      gallery_blob: TWELVE_KB,
    });
    expect((await userinfo(client, tokens.access_token)).body).toMatchObject({
      sub: aliceId,
      preferred_username: "alice",
      gallery_blob: TWELVE_KB,
    });

    await control.reset();
    expect(decodeJwt(String((await signedIn()).id_token)).gallery_blob).toBeUndefined();
  });
});
