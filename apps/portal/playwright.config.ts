import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromiumLaunchOptions } from "@idp-gallery/e2e";
import {
  EXPECT_TIMEOUT_MS,
  READY_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
} from "@idp-gallery/test-processes/bounds";
import { defineConfig } from "@playwright/test";
import { brokenEnv, liveEnv, portals, STUB_PORT, writeBrokenFacts } from "./e2e/servers.ts";

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
  env,
  reuseExistingServer: false,
  timeout: READY_TIMEOUT_MS,
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
  timeout: TEST_TIMEOUT_MS,
  expect: { timeout: EXPECT_TIMEOUT_MS },
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
      timeout: READY_TIMEOUT_MS,
      stdout: "ignore",
      stderr: "pipe",
    },
    portal(portals.live, liveEnv),
    portal(portals.broken, brokenEnv),
  ],
});
