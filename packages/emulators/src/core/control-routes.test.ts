import { rm } from "node:fs/promises";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserSession } from "../../test/browser-session.ts";
import { authorizeUrl, signIn, tempDataDir } from "../../test/oidc-helpers.ts";
import { browserAttacks, rawRequest } from "../../test/raw-request.ts";
import { EmulatorControl, EmulatorControlError } from "../control.ts";
import { djangoOidc } from "../surfaces/django-oidc.ts";
import { createEmulator, type Emulator } from "./create-emulator.ts";

let emulator: Emulator;
let control: EmulatorControl;
let dataDir: string;

beforeAll(async () => {
  dataDir = await tempDataDir();
  emulator = await createEmulator(djangoOidc, { port: 0, dataDir }).listen();
  control = new EmulatorControl({ url: emulator.url, timeoutMs: REQUEST_TIMEOUT_MS });
});

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const discovery = () => `${emulator.issuer}/.well-known/openid-configuration`;

describe("control routes", () => {
  it("reports health", async () => {
    const health = await control.health();
    expect(health).toMatchObject({ ok: true, idp: "django-oidc", issuer: emulator.issuer });
  });

  it("reset drops the IdP session, so the next sign-in asks for the password", async () => {
    const browser = new BrowserSession();
    await signIn(browser, emulator.url, emulator.issuer);
    await control.reset();
    const next = await browser.follow(authorizeUrl(emulator.issuer).url, emulator.url);
    expect(next.url).toContain("/accounts/login/");
  });

  it("fail-next fails only the next matching request, once", async () => {
    await control.failNext({ path: "/o/token/", status: 502 });
    expect((await fetch(discovery())).status).toBe(200);
    const failed = await fetch(`${emulator.issuer}/token/`, { method: "POST" });
    expect(failed.status).toBe(502);
    expect(await failed.json()).toMatchObject({ error: "emulator_injected_failure" });
    const after = await fetch(`${emulator.issuer}/token/`, { method: "POST" });
    expect(after.status).toBe(400);

    await control.failNext();
    expect((await fetch(discovery())).status).toBe(503);
    expect((await fetch(discovery())).status).toBe(200);
  });

  it("hang-next leaves one request unanswered until reset", async () => {
    await control.hangNext({ path: "/o/.well-known/" });
    await expect(fetch(discovery(), { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await fetch(discovery())).status).toBe(200);

    await control.hangNext();
    const hanging = fetch(discovery()).then(
      () => "answered",
      () => "dropped",
    );
    await expect.poll(async () => (await control.health()).heldRequests).toBe(1);
    await control.reset();
    expect(await hanging).toBe("dropped");
    expect((await control.health()).heldRequests).toBe(0);
  });

  it("rejects bad control input with a clear error", async () => {
    const error = await control.failNext({ path: "no-slash" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmulatorControlError);
    expect((error as EmulatorControlError).status).toBe(400);
  });

  it("validates the token and claims controls' bodies", async () => {
    const status = (call: Promise<unknown>) =>
      call.then(
        () => 200,
        (error: EmulatorControlError) => error.status,
      );
    expect(await status(control.setTokenLifetimes({ accessTokenSeconds: 0 }))).toBe(400);
    expect(await status(control.setTokenLifetimes({ idTokenSeconds: 1.5 }))).toBe(400);
    const unknownKey = { accessTokenSecs: 5 } as unknown as { accessTokenSeconds: number };
    expect(await status(control.setTokenLifetimes(unknownKey))).toBe(400);
    expect(await status(control.revokeRefreshTokens({ sub: "" }))).toBe(400);
    // The emulator owns sub, iss, aud, exp, …: an extra claim cannot replace them.
    const reserved = await control.setExtraClaims({ sub: "2" }).catch((error: unknown) => error);
    expect(reserved).toMatchObject({ status: 400 });
    expect((reserved as Error).message).toContain("claims may not set sub");
  });

  it("answers the lifetimes in force, merging calls, and reset restores the vendor's", async () => {
    expect(await control.setTokenLifetimes({ accessTokenSeconds: 30 })).toEqual({
      accessTokenSeconds: 30,
      idTokenSeconds: 36000,
      refreshTokenSeconds: 30 * 24 * 60 * 60,
    });
    expect(await control.setTokenLifetimes({ idTokenSeconds: 20 })).toMatchObject({
      accessTokenSeconds: 30,
      idTokenSeconds: 20,
    });
    await control.reset();
    expect(await control.setTokenLifetimes({})).toEqual({
      accessTokenSeconds: 36000,
      idTokenSeconds: 36000,
      refreshTokenSeconds: 30 * 24 * 60 * 60,
    });
    expect(await control.revokeRefreshTokens()).toBe(0);
  });
});

describe("control routes refuse what a web page on this machine can send", () => {
  it.each(browserAttacks)(
    "refuses %s to reset and fail-next, and changes nothing",
    async (_, attack) => {
      for (const route of ["reset", "fail-next", "health"]) {
        const answer = await rawRequest(`${emulator.url}/__emulator/${route}`, attack);
        expect(answer.status, `${route}: ${answer.body}`).toBeGreaterThanOrEqual(403);
        expect(answer.status).toBeLessThan(416);
      }
      expect((await control.health()).pendingFaults).toEqual([]);
      expect((await fetch(discovery())).status).toBe(200);
    },
  );

  it("answers a JSON POST from a loopback Host without Origin, and a typed-in GET", async () => {
    const post = await rawRequest(`${emulator.url}/__emulator/fail-next`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", host: "127.0.0.1" },
      body: JSON.stringify({ path: "/nothing-matches" }),
    });
    expect(post.status).toBe(200);
    const typed = await rawRequest(`${emulator.url}/__emulator/health`, {
      headers: { "sec-fetch-site": "none" },
    });
    expect(typed.status).toBe(200);
    await control.reset();
  });
});
