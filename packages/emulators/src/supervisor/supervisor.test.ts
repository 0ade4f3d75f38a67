import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { tempDataDir } from "../../test/oidc-helpers.ts";
import { EmulatorControl } from "../control.ts";
import { packageRoot } from "../package-root.ts";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const task of cleanup.reverse()) await task();
});

it("the CLI supervises the emulator process: stop closes the port, start brings it back", async () => {
  const [port, controlPort, dataDir] = await Promise.all([freePort(), freePort(), tempDataDir()]);
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const cli = spawn(
    process.execPath,
    [
      join(packageRoot(), "src", "cli.ts"),
      "django-oidc",
      "--port",
      String(port),
      "--control-port",
      String(controlPort),
      "--data-dir",
      dataDir,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise((resolve) => cli.once("exit", resolve));
  cleanup.push(async () => {
    cli.kill("SIGTERM");
    await exited;
  });

  const ready = await new Promise<string>((resolve, reject) => {
    let output = "";
    cli.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("\n")) resolve(output);
    });
    cli.once("exit", (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
  });
  expect(ready).toContain(`http://localhost:${port}`);

  const control = new EmulatorControl({
    url: `http://localhost:${port}`,
    controlUrl: `http://localhost:${controlPort}`,
  });
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

it("idp-supervise gives any IdP process the same stop/start controls", async () => {
  const [port, controlPort] = await Promise.all([freePort(), freePort()]);
  // A stand-in for a real IdP (such as the Django one): it only has to answer /__emulator/health.
  const idp = `require("node:http").createServer((q, s) => s.end(JSON.stringify({ ok: true, pid: process.pid }))).listen(${port}, "127.0.0.1")`;
  const cli = spawn(
    process.execPath,
    [
      join(packageRoot(), "src", "supervise-cli.ts"),
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
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise((resolve) => cli.once("exit", resolve));
  cleanup.push(async () => {
    cli.kill("SIGTERM");
    await exited;
  });
  await new Promise<void>((resolve, reject) => {
    cli.stdout.once("data", () => resolve());
    cli.once("exit", (code) => reject(new Error(`idp-supervise exited with ${code}`)));
  });

  const control = new EmulatorControl({
    url: `http://localhost:${port}`,
    controlUrl: `http://localhost:${controlPort}`,
  });
  const first = await control.status();
  expect(first).toMatchObject({ running: true, issuer: `http://localhost:${port}/o` });
  expect((await control.stop()).running).toBe(false);
  await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  const second = await control.start();
  expect(second.pid).not.toBe(first.pid);
  expect((await control.health()).ok).toBe(true);
});

it("an https emulator (wso2) runs under the CLI with its CA, and the controls reach it through the CA", async () => {
  const [port, controlPort, dataDir] = await Promise.all([freePort(), freePort(), tempDataDir()]);
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const cli = spawn(
    process.execPath,
    [
      join(packageRoot(), "src", "cli.ts"),
      "wso2",
      "--port",
      String(port),
      "--control-port",
      String(controlPort),
      "--data-dir",
      dataDir,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise((resolve) => cli.once("exit", resolve));
  cleanup.push(async () => {
    cli.kill("SIGTERM");
    await exited;
  });
  const ready = await new Promise<string>((resolve, reject) => {
    let output = "";
    cli.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("\n")) resolve(output);
    });
    cli.once("exit", (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
  });
  const caFile = join(dataDir, "ca", "ca.pem");
  expect(ready).toContain(`https://localhost:${port}`);
  expect(ready).toContain(caFile);

  const control = new EmulatorControl({
    url: `https://localhost:${port}`,
    controlUrl: `http://localhost:${controlPort}`,
    caFile,
  });
  expect(await control.status()).toMatchObject({
    running: true,
    issuer: `https://localhost:${port}/oauth2/token`,
  });
  expect((await control.health()).issuer).toBe(`https://localhost:${port}/oauth2/token`);
  // Without the CA the same call is refused: trust comes from the CA file, nothing else.
  await expect(new EmulatorControl({ url: `https://localhost:${port}` }).health()).rejects.toThrow(
    /SELF_SIGNED_CERT_IN_CHAIN|self-signed certificate/,
  );
  const readiness = () => fetch(`http://localhost:${controlPort}/ready`).then((r) => r.status);
  expect(await readiness()).toBe(200);
  expect((await control.stop()).running).toBe(false);
  expect(await readiness()).toBe(503);
  expect((await control.start()).running).toBe(true);
  expect(await readiness()).toBe(200);
  expect((await control.health()).ok).toBe(true);
});
