import { rm } from "node:fs/promises";
import { join } from "node:path";
import { READY_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { freePort } from "@idp-gallery/test-processes/ports";
import { type RunningProcess, startProcess } from "@idp-gallery/test-processes/process";
import { outputMatches } from "@idp-gallery/test-processes/readiness";
import { afterAll, expect, it } from "vitest";
import { tempDataDir } from "../../test/oidc-helpers.ts";
import { EmulatorControl } from "../control.ts";
import { packageRoot } from "../package-root.ts";

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const task of cleanup.reverse()) await task();
});

// The supervisor waits up to the tests' bound for its child, and the controls wait for the supervisor.
const START_TIMEOUT = ["--start-timeout-ms", String(READY_TIMEOUT_MS)];
const lifecycleTimeoutMs = READY_TIMEOUT_MS + 30_000;

/** Runs one of the package's CLIs from source until it prints its "ready at" line. */
async function startCli(
  name: string,
  script: string,
  args: string[],
  port: number,
): Promise<RunningProcess> {
  const cli = await startProcess({
    name,
    command: process.execPath,
    args: [join(packageRoot(), "src", script), ...START_TIMEOUT, ...args],
    port,
    ready: outputMatches(/ ready at /),
  });
  cleanup.push(() => cli.stop());
  return cli;
}

it("the CLI supervises the emulator process: stop closes the port, start brings it back", async () => {
  const [port, controlPort, dataDir] = await Promise.all([freePort(), freePort(), tempDataDir()]);
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const cli = await startCli(
    "idp-emulator django-oidc",
    "cli.ts",
    [
      "django-oidc",
      "--port",
      String(port),
      "--control-port",
      String(controlPort),
      "--data-dir",
      dataDir,
    ],
    port,
  );
  expect(cli.output()).toContain(`http://localhost:${port}`);

  const control = new EmulatorControl({
    url: `http://localhost:${port}`,
    controlUrl: `http://localhost:${controlPort}`,
    lifecycleTimeoutMs,
  });
  await cli.whileRunning(async () => {
    const first = await control.status();
    expect(first).toMatchObject({ running: true, issuer: `http://localhost:${port}/o` });
    expect((await control.health()).pid).toBe(first.pid);

    expect(await control.stop()).toMatchObject({ running: false, pid: null });
    await expect(fetch(`http://127.0.0.1:${port}/__emulator/health`)).rejects.toThrow();

    const second = await control.start();
    expect(second.running).toBe(true);
    expect(second.pid).not.toBe(first.pid);
    expect((await control.health()).ok).toBe(true);
  });
});

it("idp-supervise gives any IdP process the same stop/start controls", async () => {
  const [port, controlPort] = await Promise.all([freePort(), freePort()]);
  // A stand-in for a real IdP (such as the Django one): it only has to answer /__emulator/health.
  const idp = `require("node:http").createServer((q, s) => s.end(JSON.stringify({ ok: true, pid: process.pid }))).listen(${port}, "127.0.0.1")`;
  const cli = await startCli(
    "idp-supervise stand-in IdP",
    "supervise-cli.ts",
    [
      "--name",
      "stand-in IdP",
      "--port",
      String(port),
      "--control-port",
      String(controlPort),
      "--issuer-path",
      "/o",
      "--",
      process.execPath,
      "-e",
      idp,
    ],
    port,
  );

  const control = new EmulatorControl({
    url: `http://localhost:${port}`,
    controlUrl: `http://localhost:${controlPort}`,
    lifecycleTimeoutMs,
  });
  await cli.whileRunning(async () => {
    const first = await control.status();
    expect(first).toMatchObject({ running: true, issuer: `http://localhost:${port}/o` });
    expect((await control.stop()).running).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    const second = await control.start();
    expect(second.pid).not.toBe(first.pid);
    expect((await control.health()).ok).toBe(true);
  });
});

it("an https emulator (wso2) runs under the CLI with its CA, and the controls reach it through the CA", async () => {
  const [port, controlPort, dataDir] = await Promise.all([freePort(), freePort(), tempDataDir()]);
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const cli = await startCli(
    "idp-emulator wso2",
    "cli.ts",
    ["wso2", "--port", String(port), "--control-port", String(controlPort), "--data-dir", dataDir],
    port,
  );
  const caFile = join(dataDir, "ca", "ca.pem");
  expect(cli.output()).toContain(`https://localhost:${port}`);
  expect(cli.output()).toContain(caFile);

  const control = new EmulatorControl({
    url: `https://localhost:${port}`,
    controlUrl: `http://localhost:${controlPort}`,
    caFile,
    lifecycleTimeoutMs,
  });
  await cli.whileRunning(async () => {
    expect(await control.status()).toMatchObject({
      running: true,
      issuer: `https://localhost:${port}/oauth2/token`,
    });
    expect((await control.health()).issuer).toBe(`https://localhost:${port}/oauth2/token`);
    // Without the CA the same call is refused: trust comes from the CA file, nothing else.
    await expect(
      new EmulatorControl({ url: `https://localhost:${port}` }).health(),
    ).rejects.toThrow(/SELF_SIGNED_CERT_IN_CHAIN|self-signed certificate/);
    const readiness = () => fetch(`http://localhost:${controlPort}/ready`).then((r) => r.status);
    expect(await readiness()).toBe(200);
    expect((await control.stop()).running).toBe(false);
    expect(await readiness()).toBe(503);
    expect((await control.start()).running).toBe(true);
    expect(await readiness()).toBe(200);
    expect((await control.health()).ok).toBe(true);
  });
});
