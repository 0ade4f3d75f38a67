import { existsSync } from "node:fs";
import { join } from "node:path";
import { READY_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import type { IdpServer } from "./targets.ts";

/** Debian's Chromium as root, with no background traffic on a closed network. */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/**
 * Traces locally, where someone will open them; not in CI, where recording every test's trace costs
 * CPU on a 2-core machine and its flush at context close is a known source of teardown timeouts.
 */
export const traceMode = process.env.CI ? ("off" as const) : ("retain-on-failure" as const);

/** Playwright's webServer entry for an IdP process, ready once its health URL answers. */
export function idpWebServer(name: string, idp: IdpServer) {
  return {
    name,
    command: idp.command,
    env: idp.env ?? {},
    url: idp.healthUrl,
    reuseExistingServer: false,
    timeout: READY_TIMEOUT_MS,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
  };
}

/** Playwright's webServer entry for `next start` of an app's production build on one port. */
export function appWebServer(
  app: { name: string; dir: string },
  port: number,
  env: Record<string, string>,
) {
  return {
    name: `${app.name}:${port}`,
    command: `"${process.execPath}" "${join(app.dir, "node_modules", "next", "dist", "bin", "next")}" start --port ${port}`,
    cwd: app.dir,
    url: `http://localhost:${port}`,
    env,
    reuseExistingServer: false,
    timeout: READY_TIMEOUT_MS,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
  };
}

/** Fails early, and says what to run, when an app has no production build to start. */
export function requireProductionBuild(appDir: string): void {
  if (!existsSync(join(appDir, ".next", "BUILD_ID"))) {
    throw new Error(
      `${appDir} has no production build; run \`pnpm build\` (turbo runs it before e2e).`,
    );
  }
}
