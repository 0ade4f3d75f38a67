import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LogtoClientError, LogtoError, LogtoRequestError } from "@logto/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogtoSessionStore, type LogtoSessionStore } from "./logto-session-store.ts";
import {
  CookieJar,
  emulatorApp,
  emulatorConfig,
  type LogtoEmulator,
  sdkClient,
  signInAlice,
  startLogtoEmulator,
} from "./logto-test-support.ts";
import { createTokenRefresher, isRefusal, type TokenRefresher } from "./logto-token-refresh.ts";

const lifetime = { idleSeconds: 3600, absoluteSeconds: 7200 };
// The tokens /protected uses (apps/logto/src/idp.ts): the API resource and alice's organization.
const pageTokens = () => [{ resource: emulatorApp.resource }, { organizationId: "wonderland" }];

let emulator: LogtoEmulator;
let dataDir: string;
let sessions: LogtoSessionStore;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "logto-refresh-"));
  emulator = await startLogtoEmulator(join(dataDir, "emulator"));
  sessions = createLogtoSessionStore({
    namespace: `idpg-logto-${randomUUID()}`,
    dataDir,
    lifetime,
  });
});

afterAll(async () => {
  await sessions?.close();
  await emulator?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A margin longer than Logto's 3600 s token lifetime: every session is due for a refresh. */
function alwaysDue(): TokenRefresher {
  return createTokenRefresher({ sessions, tokens: pageTokens, marginSeconds: 4000 });
}

async function signedInSession() {
  const config = emulatorConfig(emulator.origin);
  const jar = new CookieJar();
  await signInAlice(config, sessions.wrapper, jar);
  const state = await sessions.read(jar.value);
  if (!state) throw new Error("the sign-in left no session");
  // Each request's own SDK client, over the request's cookie (the same id).
  const openClient = async () => (await sdkClient(config, sessions.wrapper, jar)).client;
  return { jar, state, openClient };
}

/** Counts the refresh_token grants the SDK sends to Logto (the real fetch still runs). */
function countRefreshGrants() {
  const spy = vi.spyOn(globalThis, "fetch");
  return () =>
    spy.mock.calls.filter(([, init]) =>
      String(init?.body ?? "").includes("grant_type=refresh_token"),
    ).length;
}

describe("createTokenRefresher against the Logto emulator", () => {
  it("shares one refresh between concurrent requests of a session, and stores the new tokens", async () => {
    const { jar, state, openClient } = await signedInSession();
    const refresher = alwaysDue();
    const grants = countRefreshGrants();
    const outcomes = await Promise.all([
      refresher.refresh(jar.value, openClient),
      refresher.refresh(jar.value, openClient),
      refresher.refresh(jar.value, openClient),
    ]);
    expect(outcomes).toEqual(["refreshed", "refreshed", "refreshed"]);
    // One refresh: the default token (with a new ID token), the API resource, the organization.
    expect(grants()).toBe(3);
    const after = await sessions.read(jar.value);
    expect(after?.data.idToken).toBeTruthy();
    expect(after?.data.idToken).not.toBe(state.data.idToken);
    expect(Object.keys(JSON.parse(after?.data.accessToken ?? "{}"))).toHaveLength(3);
    // Just refreshed: not due again at once, even with a margin longer than the tokens' lifetime.
    expect(after && (await refresher.isDue(after))).toBe(false);
  });

  it("keeps a session past its ID token's expiry, and refreshes it through the refresh token", async () => {
    let shift = 0;
    const clock = () => Date.now() + shift;
    const shifted = createLogtoSessionStore({
      namespace: `idpg-logto-${randomUUID()}`,
      dataDir,
      lifetime: { idleSeconds: 8 * 3600, absoluteSeconds: 24 * 3600 },
      now: clock,
    });
    try {
      const config = emulatorConfig(emulator.origin);
      const jar = new CookieJar();
      await signInAlice(config, shifted.wrapper, jar);
      const before = await shifted.read(jar.value);
      shift = 2 * 3600 * 1000; // Two hours on: Logto's ID and access tokens (3600 s) have expired.
      const expired = await shifted.read(jar.value);
      expect(expired).not.toBeNull();
      const refresher = createTokenRefresher({ sessions: shifted, tokens: pageTokens, now: clock });
      expect(expired && (await refresher.isDue(expired))).toBe(true);
      const openClient = async () => (await sdkClient(config, shifted.wrapper, jar)).client;
      expect(await refresher.refresh(jar.value, openClient)).toBe("refreshed");
      const after = await shifted.read(jar.value);
      expect(after?.data.idToken).not.toBe(before?.data.idToken);
      expect(after?.signedInAt).toBe(before?.signedInAt);
    } finally {
      await shifted.close();
    }
  });

  it("leaves fresh tokens alone", async () => {
    const { jar, state, openClient } = await signedInSession();
    const refresher = createTokenRefresher({ sessions, tokens: pageTokens, marginSeconds: 60 });
    expect(await refresher.isDue(state)).toBe(false);
    const grants = countRefreshGrants();
    expect(await refresher.refresh(jar.value, openClient)).toBe("fresh");
    expect(grants()).toBe(0);
  });

  it("ends the session when Logto refuses the refresh token (revoked)", async () => {
    const { jar, state, openClient } = await signedInSession();
    const revoked = await fetch(`${emulator.origin}/oidc/token/revocation`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${emulatorApp.appId}:${emulatorApp.appSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ token: state.data.refreshToken ?? "" }),
    });
    expect(revoked.status).toBe(200);
    const copied = jar.value;
    expect(await alwaysDue().refresh(jar.value, openClient)).toBe("refused");
    expect(jar.value).toBe("");
    expect(await sessions.read(copied)).toBeNull();
  });

  it("keeps the session when Logto fails, so that the next request can try again", async () => {
    const { jar, openClient } = await signedInSession();
    await emulator.control("fail-next", { path: "/oidc/token", status: 503 });
    const refresher = alwaysDue();
    expect(await refresher.refresh(jar.value, openClient)).toBe("idp-unavailable");
    expect(await sessions.read(jar.value)).not.toBeNull();
    // The page it returns to passes once with the tokens it has; the next request tries again.
    expect(await refresher.refresh(jar.value, openClient)).toBe("fresh");
    expect(await refresher.refresh(jar.value, openClient)).toBe("refreshed");
  });

  it("fetches every token a page uses right after sign-in", async () => {
    const { jar, state, openClient } = await signedInSession();
    expect(Object.keys(JSON.parse(state.data.accessToken ?? "{}"))).toHaveLength(1);
    const refresher = createTokenRefresher({ sessions, tokens: pageTokens });
    await refresher.fetchPageTokens(await openClient());
    const after = await sessions.read(jar.value);
    expect(Object.keys(JSON.parse(after?.data.accessToken ?? "{}"))).toHaveLength(3);
  });

  it("answers signed-out for a cookie without a session", async () => {
    const { openClient } = await signedInSession();
    expect(await alwaysDue().refresh(randomUUID(), openClient)).toBe("signed-out");
  });
});

describe("isRefusal", () => {
  it("tells a refused refresh token from an unreachable Logto", () => {
    expect(isRefusal(new LogtoRequestError("oidc.invalid_grant", "grant request is invalid"))).toBe(
      true,
    );
    expect(isRefusal(new LogtoError("unexpected_response_error", { error: "invalid_grant" }))).toBe(
      true,
    );
    expect(isRefusal(new LogtoClientError("not_authenticated"))).toBe(true);
    expect(isRefusal(new LogtoRequestError("http_error_503", "unavailable"))).toBe(false);
    expect(
      isRefusal(
        new LogtoError("unexpected_response_error", { error: "emulator_injected_failure" }),
      ),
    ).toBe(false);
    expect(isRefusal(new TypeError("fetch failed"))).toBe(false);
  });
});
