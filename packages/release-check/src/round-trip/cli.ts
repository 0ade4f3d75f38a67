// The release round trip: version and publish the packages to a local Verdaccio exactly as
// `pnpm release` would (in a sandbox copy), install them into a fresh Next.js 16 app outside the
// workspace, build it, serve it, and check what it serves. ROUND_TRIP_KEEP=1 keeps the temp folder.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@idp-gallery/test-processes/ports";
import { type RunningProcess, startProcess } from "@idp-gallery/test-processes/process";
import { httpAnswers } from "@idp-gallery/test-processes/readiness";
import { killRunning } from "../shared/run.ts";
import { findRepoRoot, listWorkspacePackages, publishedPackages } from "../workspace.ts";
import { checkCss, checkMe, checkPage, stylesheetHrefs } from "./assertions.ts";
import {
  buildConsumer,
  installConsumer,
  installedVersion,
  nextEnv,
  nextStartArgs,
  runSmoke,
} from "./consumer.ts";
import { type Registry, startRegistry } from "./registry.ts";
import { createReleaseSandbox, publishSnapshot, versionSnapshot } from "./sandbox.ts";

const tag = "round-trip";
const started = Date.now();
const repoRoot = findRepoRoot(process.cwd());
const work = await mkdtemp(join(tmpdir(), "idp-round-trip-"));
const sandbox = join(work, "sandbox");
const app = join(work, "app");
let registry: Registry | undefined;
let server: RunningProcess | undefined;

// Interrupted (Ctrl-C, turbo stopping): stop the servers and commands we started, then leave.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    killRunning();
    await server?.stop();
    await registry?.process.stop();
    await rm(work, { recursive: true, force: true });
    process.exit(130);
  });
}

async function step<T>(title: string, action: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const result = await action();
  console.log(`✓ ${title} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  return result;
}

function expectNone(problems: string[]): void {
  if (problems.length > 0) throw new Error(problems.map((problem) => `✗ ${problem}`).join("\n"));
}

try {
  const local = await step("Verdaccio on loopback, no uplinks", () =>
    startRegistry(join(work, "registry")),
  );
  registry = local;

  const releases = await step("changeset version --snapshot in a sandbox copy", async () => {
    await createReleaseSandbox(repoRoot, sandbox);
    return versionSnapshot(repoRoot, sandbox, tag);
  });
  const expected = publishedPackages(repoRoot).map((pkg) => pkg.name);
  expectNone([
    ...expected
      .filter((name) => !releases.some((release) => release.name === name))
      .map((name) => `${name} got no snapshot version`),
    ...releases
      .filter((release) => !release.version.includes(`-${tag}-`))
      .map((release) => `${release.name} has version ${release.version}, not a ${tag} snapshot`),
  ]);
  console.log(releases.map((release) => `  ${release.name}@${release.version}`).join("\n"));

  await step(`changeset publish --tag ${tag} to ${local.url}`, async () => {
    await publishSnapshot(repoRoot, sandbox, local, tag);
    const problems: string[] = [];
    for (const release of releases) {
      const response = await fetch(`${local.url}${release.name.replace("/", "%2f")}`);
      const versions = response.ok
        ? Object.keys(((await response.json()) as { versions: object }).versions)
        : [];
      if (!versions.includes(release.version))
        problems.push(`the registry does not serve ${release.name}@${release.version}`);
    }
    for (const pkg of listWorkspacePackages(repoRoot).filter((p) => p.manifest.private)) {
      const response = await fetch(`${local.url}${pkg.name.replace("/", "%2f")}`);
      if (response.status !== 404) problems.push(`private ${pkg.name} was published`);
    }
    expectNone(problems);
  });

  await step(
    "fresh Next.js app installs them (our scope from Verdaccio, the rest from npm)",
    async () => {
      await installConsumer(repoRoot, app, local.url, releases);
      const problems: string[] = [];
      for (const release of releases) {
        const version = await installedVersion(app, release.name);
        if (version !== release.version)
          problems.push(`${release.name} installed as ${version}, not ${release.version}`);
      }
      expectNone(problems);
    },
  );

  console.log(`  ${await step("every entry point loads in plain Node", () => runSmoke(app))}`);
  await step("next build", () => buildConsumer(app));

  await step("next start serves the page, the CSS and /api/me", async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    server = await startProcess({
      name: "next start (consumer app)",
      command: process.execPath,
      args: nextStartArgs(app, port),
      cwd: app,
      env: nextEnv(),
      port,
      // Any answer below 500 (signed out, /api/me is a 401) means Next is serving.
      ready: httpAnswers(`${origin}/api/me`, { accept: (status) => status < 500 }),
    });
    const page = await fetch(`${origin}/`);
    const html = await page.text();
    const problems = page.ok ? checkPage(html) : [`/ answered ${page.status}`];
    const hrefs = stylesheetHrefs(html);
    if (hrefs.length === 0) problems.push("the page links no stylesheet");
    let css = "";
    for (const href of hrefs) css += await (await fetch(new URL(href, origin))).text();
    if (hrefs.length > 0) problems.push(...checkCss(css));
    const me = await fetch(`${origin}/api/me`);
    problems.push(...checkMe(me.status, me.headers, await me.json().catch(() => undefined)));
    expectNone(problems);
  });

  console.log(`✓ round trip passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(`✗ round trip failed after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = 1;
} finally {
  await server?.stop();
  await registry?.process.stop();
  if (process.env.ROUND_TRIP_KEEP) console.log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
