import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromiumLaunchOptions } from "@idp-gallery/e2e";
import { defineConfig } from "@playwright/test";
import {
  brokenEnv,
  liveEnv,
  portals,
  STATUS_TIMEOUT_MS,
  STUB_PORT,
  writeBrokenFacts,
} from "./e2e/servers.ts";

// The portal's page tests, against its production build (`pnpm build`; turbo runs it first).
const nextBin = join(import.meta.dirname, "node_modules", "next", "dist", "bin", "next");
if (!existsSync(join(import.meta.dirname, ".next", "BUILD_ID"))) {
  throw new Error("apps/portal has no production build; run `pnpm build` first.");
}
writeBrokenFacts();

const portal = (port: number, env: Record<string, string>) => ({
  name: `portal:${port}`,
  command: `"${process.execPath}" "${nextBin}" start --port ${port}`,
  url: `http://localhost:${port}/api/health`,
  env: { ...env, PORTAL_STATUS_TIMEOUT_MS: String(STATUS_TIMEOUT_MS) },
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: "ignore" as const,
  stderr: "pipe" as const,
});

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI
    ? [["list"]]
    : [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]],
  use: {
    colorScheme: "light",
    viewport: { width: 1280, height: 900 },
    launchOptions: chromiumLaunchOptions,
  },
  webServer: [
    {
      name: "health stand-in",
      command: `"${process.execPath}" e2e/health-stub.ts ${STUB_PORT}`,
      url: `http://127.0.0.1:${STUB_PORT}/`,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    portal(portals.live, liveEnv),
    portal(portals.broken, brokenEnv),
  ],
});
