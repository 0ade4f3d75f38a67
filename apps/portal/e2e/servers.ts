import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { portal } from "@idp-gallery/registry/portal";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { envKey } from "../src/env.ts";
import { gallery } from "../src/gallery.ts";

// Two portal instances from one production build, and a stand-in that answers health checks.
export const STUB_PORT = portal.e2e.stubPort;
export const portals = { live: portal.e2e.appPorts[0], broken: portal.e2e.appPorts[1] } as const;

const stub = `http://127.0.0.1:${STUB_PORT}`;
// Nothing listens here: an app or IdP that is not running.
const closed = `http://127.0.0.1:${portal.e2e.closedPort}`;
// The broken portal gives up on the hanging app quickly; the live one waits as long as a loaded
// machine may need, so an app that is up never shows down.
export const STATUS_TIMEOUT_MS = 500;
export const LIVE_STATUS_TIMEOUT_MS = REQUEST_TIMEOUT_MS;

/** Every app and IdP answering (through the stand-in), with the repo's facts and bench results. */
export const liveEnv: Record<string, string> = {
  ...Object.fromEntries(
    gallery.flatMap((entry) => [
      [envKey(entry.id, "APP_URL"), stub],
      [envKey(entry.id, "IDP_HEALTH_URL"), `${stub}/__emulator/health`],
    ]),
  ),
  PORTAL_STATUS_TIMEOUT_MS: String(LIVE_STATUS_TIMEOUT_MS),
};

/** WSO2's app hangs (down after the timeout), everything else is down; broken facts, no bench. */
export const brokenFactsDir = join(tmpdir(), "idp-gallery-portal-e2e-facts");
export const brokenEnv: Record<string, string> = {
  PORTAL_STATUS_TIMEOUT_MS: String(STATUS_TIMEOUT_MS),
  ...Object.fromEntries(
    gallery.flatMap((entry) => [
      [envKey(entry.id, "APP_URL"), closed],
      [envKey(entry.id, "IDP_HEALTH_URL"), `${closed}/__emulator/health`],
    ]),
  ),
  [envKey("wso2", "APP_URL")]: `${stub}/hang`,
  PORTAL_FACTS_DIR: brokenFactsDir,
  PORTAL_BENCH_RESULTS: join(brokenFactsDir, "no-bench.json"),
};

/** Facts files the loader must leave out with a notice: not JSON, and the wrong shape. */
export function writeBrokenFacts() {
  mkdirSync(brokenFactsDir, { recursive: true });
  writeFileSync(join(brokenFactsDir, "wso2.json"), "{ truncated");
  writeFileSync(join(brokenFactsDir, "logto.json"), JSON.stringify({ target: "logto" }));
}
