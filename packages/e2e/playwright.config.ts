import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  EXPECT_TIMEOUT_MS,
  READY_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
} from "@idp-gallery/test-processes/bounds";
import { defineConfig } from "@playwright/test";
import { getTarget } from "./src/targets.ts";
import {
  appWebServer,
  chromiumLaunchOptions,
  idpWebServer,
  requireProductionBuild,
  traceMode,
} from "./src/web-servers.ts";

// Run through `idp-gallery-e2e` from an app folder: it sets the app and the target (app × IdP).
const appDir = resolve(process.env.E2E_APP_DIR ?? process.cwd());
const target = getTarget(process.env.E2E_TARGET ?? "");
const app = { name: target.app, dir: appDir };
const extrasDir = join(appDir, "e2e");
const outputDir = join(appDir, "test-results", target.name);
const reportDir = join(appDir, "playwright-report", target.name);

requireProductionBuild(appDir);

export default defineConfig<object, { targetName: string }>({
  outputDir,
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: TEST_TIMEOUT_MS,
  expect: { timeout: EXPECT_TIMEOUT_MS },
  reporter: [
    ...(process.env.CI
      ? ([["list"], ["json", { outputFile: join(reportDir, "results.json") }]] as const)
      : ([["list"], ["html", { outputFolder: reportDir, open: "never" }]] as const)),
    // Writes facts/<target>.json (contract results and measured facts) for the portal.
    [join(import.meta.dirname, "src", "facts", "reporter.ts")],
  ],
  use: {
    targetName: target.name,
    trace: traceMode,
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: `${target.name} contract`, testDir: join(import.meta.dirname, "contract") },
    // The app's own specs: e2e/*.spec.ts for every target, e2e/<folder>/ for targets that list it.
    ...(existsSync(extrasDir)
      ? [{ name: `${target.name} extras`, testDir: extrasDir, testIgnore: inSubfolder(extrasDir) }]
      : []),
    ...(target.extraSpecs ?? []).map((folder) => ({
      name: `${target.name} ${folder}`,
      testDir: join(extrasDir, folder),
    })),
  ],
  webServer: [
    ...(target.services ?? []).map((service) => ({
      name: service.name,
      command: service.command,
      port: service.port,
      reuseExistingServer: false,
      timeout: READY_TIMEOUT_MS,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
    })),
    idpWebServer(target.idpName, target.idpServer),
    ...(target.companion ? [idpWebServer(target.companion.name, target.companion.idpServer)] : []),
    ...target.appPorts.map((port) =>
      appWebServer(app, port, target.appEnv(`http://localhost:${port}`)),
    ),
    ...(target.companion
      ? [
          appWebServer(
            app,
            target.companion.appPort,
            target.appEnv(
              `http://localhost:${target.companion.appPort}`,
              target.companion.idpServer,
            ),
          ),
        ]
      : []),
    ...(target.replica
      ? [
          appWebServer(app, target.replica.port, {
            ...target.appEnv(`http://localhost:${target.appPorts[0]}`),
            ...target.replica.env,
          }),
        ]
      : []),
  ],
});

/** Matches files in folders below `dir` (not directly in it). */
function inSubfolder(dir: string): RegExp {
  const escaped = dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}/[^/]+/`);
}
