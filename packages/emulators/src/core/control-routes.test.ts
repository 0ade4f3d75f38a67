import { rm } from "node:fs/promises";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserSession } from "../../test/browser-session.ts";
import { authorizeUrl, signIn, tempDataDir } from "../../test/oidc-helpers.ts";
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
});
