#!/usr/bin/env node
// Runs the sign-in contract for the app in the current folder, once per target (app × IdP).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const appDir = process.cwd();
const app = JSON.parse(readFileSync(join(appDir, "package.json"), "utf8")).name;
const { targetsForApp } = await import(join(packageDir, "src", "targets.ts"));
const only = process.env.E2E_TARGET;
const targets = targetsForApp(app).filter((t) => !only || t.name === only);
if (targets.length === 0) {
  console.error(
    `idp-gallery-e2e: no e2e target for app "${app}"${only ? ` named "${only}"` : ""}.`,
  );
  process.exit(1);
}

const playwright = createRequire(join(packageDir, "package.json")).resolve("@playwright/test/cli");
let failed = false;
for (const target of targets) {
  console.log(`\n▶ ${target.name}: ${target.app} × ${target.idpName}`);
  const run = spawnSync(
    process.execPath,
    [
      playwright,
      "test",
      "--config",
      join(packageDir, "playwright.config.ts"),
      ...process.argv.slice(2),
    ],
    { stdio: "inherit", env: { ...process.env, E2E_APP_DIR: appDir, E2E_TARGET: target.name } },
  );
  failed ||= run.status !== 0;
}
process.exit(failed ? 1 : 0);
