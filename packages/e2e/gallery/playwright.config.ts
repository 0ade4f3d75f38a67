import { join } from "node:path";
import { EXPECT_TIMEOUT_MS, TEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { defineConfig } from "@playwright/test";
import {
  appDirOf,
  galleryOrigin,
  galleryTargets,
  PORTAL_PORT,
  portalDir,
  portalEnv,
} from "../src/gallery.ts";
import {
  appWebServer,
  chromiumLaunchOptions,
  idpWebServer,
  requireProductionBuild,
  traceMode,
} from "../src/web-servers.ts";

// Every app at once, each with its IdP, for what only shows with all of them in one browser.
const apps = galleryTargets.map((target) => ({
  target,
  app: { name: target.app, dir: appDirOf(target) },
}));
const portal = { name: "portal", dir: portalDir };
for (const { dir } of [...apps.map(({ app }) => app), portal]) requireProductionBuild(dir);

export default defineConfig({
  testDir: import.meta.dirname,
  outputDir: join(import.meta.dirname, "..", "test-results", "gallery"),
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // One test signs in to every app and out of each: several contract tests' worth of work.
  timeout: 2 * TEST_TIMEOUT_MS,
  expect: { timeout: EXPECT_TIMEOUT_MS },
  reporter: [["list"]],
  use: {
    trace: traceMode,
    launchOptions: chromiumLaunchOptions,
    colorScheme: "light",
    viewport: { width: 1280, height: 900 },
  },
  webServer: [
    ...apps.map(({ target }) => idpWebServer(target.idpName, target.idpServer)),
    ...apps.map(({ target, app }) =>
      appWebServer(app, target.appPorts[0], target.appEnv(galleryOrigin(target))),
    ),
    // The portal, checking these very apps and IdPs.
    appWebServer(portal, PORTAL_PORT, portalEnv()),
  ],
});
