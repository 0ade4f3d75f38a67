// `pnpm bench`: sign-in and session cost of each app against bare baselines, client weight, build
// time and emulator capacity, in one run on one machine. BENCH_SMOKE=1 for the quick CI variant.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { EmulatorControl } from "@idp-gallery/emulators/control";
import type { Browser, BrowserContext } from "@playwright/test";
import { bareSignIn } from "./bare-client.ts";
import { launchChromium, targetBrowserArgs } from "./browser.ts";
import { browserSignIn } from "./browser-sign-in.ts";
import { measureBuild } from "./build-time.ts";
import { firstLoadJs } from "./client-weight.ts";
import { type BenchSettings, SECTIONS, type Section, settingsFromEnv } from "./config.ts";
import { emulatorCapacity } from "./emulator-capacity.ts";
import { evaluateTargets } from "./evaluate.ts";
import { hopRows } from "./hops.ts";
import { appSignIn, type SignInSample } from "./http-sign-in.ts";
import { startPlainNextApp } from "./plain-next.ts";
import { renderMarkdown } from "./report.ts";
import type { AppResult, BenchResults, HttpSignInResult, SectionError } from "./results.ts";
import { stopAll } from "./servers.ts";
import { sessionCheck } from "./session-check.ts";
import { summarize } from "./stats.ts";
import { startTargetServers } from "./target-servers.ts";
import {
  type BenchTarget,
  benchApps,
  buildApps,
  firstUser,
  prepareUser,
  selectTargets,
} from "./targets.ts";

const packageDir = join(import.meta.dirname, "..");
const root = join(packageDir, "..", "..");
const scratch = join(packageDir, ".tmp");

const log = (message: string) => console.log(`[bench] ${message}`);

// Three decimals are plenty for milliseconds and ratios, and keep the committed file diffable.
const roundNumbers = (_key: string, value: unknown) =>
  typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;

async function guard<T>(
  errors: SectionError[],
  section: string,
  run: () => Promise<T>,
): Promise<T | undefined> {
  const started = performance.now();
  log(`${section}…`);
  try {
    const value = await run();
    log(`${section} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    errors.push({ section, message: message.slice(0, 2000) });
    log(`${section} FAILED: ${message}`);
    return undefined;
  }
}

/** App and bare-client sign-ins interleaved, so CPU noise hits both alike. */
async function measureHttpSignIn(bench: BenchTarget, settings: BenchSettings) {
  const { target, adapter, appUrl } = bench;
  // Each side with its own device (a passkey IdP): through the app for the app, at the IdP for the bare.
  const user = await prepareUser(bench, "app");
  const bareUser = await prepareUser(bench, "idp");
  const bareClient = adapter.bareClient(target.appEnv(appUrl), appUrl);
  const idpOrigin = target.idpServer.origin;
  const app: SignInSample[] = [];
  const bare: SignInSample[] = [];
  const trivial: number[] = [];
  let cookie = "";
  for (let i = 0; i < settings.http.warmup + settings.http.iterations; i++) {
    const appRun = await appSignIn({ appUrl, idpOrigin, adapter, user, fetch: bench.fetch });
    const bareRun = await bareSignIn({
      bare: bareClient,
      adapter,
      user: bareUser,
      idpOrigin,
      fetch: bench.fetch,
    });
    const trivialMs = await timeTrivialRequest(appUrl);
    cookie = appRun.cookie;
    if (i < settings.http.warmup) continue;
    app.push(appRun);
    bare.push(bareRun);
    trivial.push(trivialMs);
  }
  const appSummary = summarize(app.map((sample) => sample.ms));
  const bareSummary = summarize(bare.map((sample) => sample.ms));
  const result: HttpSignInResult = {
    iterations: settings.http.iterations,
    app: appSummary,
    bare: bareSummary,
    ratio: appSummary.median / bareSummary.median,
    bareClient:
      bareClient.kind === "oidc"
        ? `OIDC, oauth4webapi (discovery, authorize with PKCE + state + nonce, ${bareClient.handOff ? `${bareClient.handOff.describe}, ` : ""}token, JWKS, ID token check)`
        : `the gateway's own protocol, no OIDC (${bareClient.describe})`,
    appHops: hopRows(app),
    bareHops: hopRows(bare),
    trivialRequest: summarize(trivial),
  };
  return { result, cookie };
}

// What any request to the app costs (Next.js, the proxy), to read the sign-in's app hops against.
async function timeTrivialRequest(appUrl: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(new URL("/api/health", appUrl));
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`/api/health answered ${response.status}`);
  return performance.now() - started;
}

async function measureTarget(
  bench: BenchTarget,
  settings: BenchSettings,
  browser: (args?: readonly string[]) => Promise<Browser>,
  results: BenchResults,
  measuredIdps: Set<string>,
): Promise<AppResult> {
  const { target, adapter, appUrl } = bench;
  const has = (section: Section) => settings.sections.has(section);
  const result: AppResult = {
    target: target.name,
    app: target.app,
    idp: target.idp,
    idpName: target.idpName,
    errors: [],
  };
  const section = <T>(name: string, run: () => Promise<T>) =>
    guard(result.errors, `${target.name}: ${name}`, run);
  const servers = await section("start the IdP and the app", () => startTargetServers(bench));
  if (!servers) return result;
  const user = firstUser(bench);
  const control = new EmulatorControl({
    url: target.idpServer.origin,
    controlUrl: target.idpServer.controlUrl,
    ...(target.idpServer.caFile ? { caFile: target.idpServer.caFile } : {}),
  });
  const idpOrigin = target.idpServer.origin;
  // Chromium for this target (its IdP's certificate pins, read now that the IdP is up).
  const targetBrowser = () => browser(targetBrowserArgs(target));
  let signedIn: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;
  try {
    let cookie: string | undefined;
    if (has("http")) {
      await control.reset();
      const http = await section("HTTP sign-in vs bare client", () =>
        measureHttpSignIn(bench, settings),
      );
      result.httpSignIn = http?.result;
      cookie = http?.cookie;
    }
    if (has("session")) {
      result.sessionCheck = await section("session check", async () => {
        cookie ??= (
          await appSignIn({
            appUrl,
            idpOrigin,
            adapter,
            user: await prepareUser(bench, "app"),
            fetch: bench.fetch,
          })
        ).cookie;
        return sessionCheck(appUrl, cookie, settings.session);
      });
    }
    if (has("browser")) {
      result.browserSignIn = await section("browser sign-in", async () => {
        const times: number[] = [];
        for (let i = 0; i < settings.browser.warmup + settings.browser.runs; i++) {
          const run = await browserSignIn({ browser: await targetBrowser(), appUrl, target, user });
          signedIn = await run.context.storageState();
          await run.context.close();
          if (i >= settings.browser.warmup) times.push(run.ms);
        }
        return summarize(times);
      });
    }
    if (has("weight")) {
      result.clientWeight = await section("client weight", async () => {
        if (!signedIn) {
          const run = await browserSignIn({ browser: await targetBrowser(), appUrl, target, user });
          signedIn = await run.context.storageState();
          await run.context.close();
        }
        return [
          await firstLoadJs(await targetBrowser(), new URL("/", appUrl).href),
          await firstLoadJs(await targetBrowser(), new URL("/protected", appUrl).href, signedIn),
        ];
      });
    }
    if (has("capacity") && !measuredIdps.has(target.idp)) {
      measuredIdps.add(target.idp);
      await control.reset();
      const bare = adapter.bareClient(target.appEnv(appUrl), appUrl);
      const capacity = await section(`${target.idp} emulator capacity`, async () => {
        const bareUser = await prepareUser(bench, "idp");
        return emulatorCapacity(
          target.idp,
          () => bareSignIn({ bare, adapter, user: bareUser, idpOrigin, fetch: bench.fetch }),
          settings.capacity,
          // A passkey per concurrent sign-in (one device each), enrolled before the level starts.
          { beforeLevel: (concurrency) => bareUser.passkeys?.ensure(concurrency) },
        );
      });
      if (capacity) results.emulators.push(capacity);
    }
  } finally {
    await servers.stop();
  }
  return result;
}

async function main() {
  const settings = settingsFromEnv(process.env);
  const has = (section: Section) => settings.sections.has(section);
  const started = performance.now();
  const cpus = os.cpus();
  const results: BenchResults = {
    schema: 1,
    mode: settings.smoke ? "smoke" : "full",
    startedAt: new Date().toISOString(),
    durationMs: 0,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
    },
    apps: [],
    notMeasured: [],
    emulators: [],
    errors: [],
  };
  log(`${results.mode} run; sections: ${[...settings.sections].join(", ")}`);

  // First, before any app runs: a cold build rewrites the apps' .next.
  if (has("build")) {
    results.build = await guard(results.errors, "build (cold, then cached)", () =>
      measureBuild(root, settings.buildFilter),
    );
  }

  // The apps it measures, built (from turbo's cache when nothing changed) before any server starts.
  await guard(results.errors, "app builds", () => buildApps(benchApps(settings.targets)));

  const selection = selectTargets(settings.targets);
  results.notMeasured = selection.notMeasured;
  results.errors.push(...selection.errors);
  // One Chromium per set of flags (a target's certificate pins), reused across targets that agree.
  const browsers = new Map<string, Promise<Browser>>();
  const getBrowser = (args: readonly string[] = []) => {
    const key = args.join(" ");
    let browser = browsers.get(key);
    if (!browser) {
      browser = launchChromium(args);
      browsers.set(key, browser);
    }
    return browser;
  };
  try {
    if (has("weight")) {
      results.plainPage = await guard(
        results.errors,
        "plain Next.js page (build + weight)",
        async () => {
          const plain = await startPlainNextApp(scratch);
          try {
            return await firstLoadJs(await getBrowser(), `${plain.url}/`);
          } finally {
            await plain.dispose();
          }
        },
      );
    }
    const measuredIdps = new Set<string>();
    for (const bench of selection.selected) {
      results.apps.push(await measureTarget(bench, settings, getBrowser, results, measuredIdps));
    }
  } finally {
    await Promise.all(
      [...browsers.values()].map((browser) => browser.then((b) => b.close()).catch(() => {})),
    );
    await stopAll();
  }
  results.durationMs = performance.now() - started;

  const partial = settings.sections.size < SECTIONS.length || settings.targets !== undefined;
  const outDir =
    settings.outDir ??
    (settings.smoke || partial
      ? await mkdtemp(join(os.tmpdir(), "idp-gallery-bench-"))
      : join(packageDir, "results"));
  await mkdir(outDir, { recursive: true });
  const markdown = renderMarkdown(results);
  await writeFile(
    join(outDir, "latest.json"),
    `${JSON.stringify({ ...results, checks: evaluateTargets(results) }, roundNumbers, 2)}\n`,
  );
  await writeFile(
    join(outDir, "latest.md"),
    `# IdP Gallery benchmarks\n\n<!-- Written by pnpm bench (packages/bench); do not edit. -->\n\n${markdown}`,
  );
  console.log(`\n${markdown}`);
  log(`results in ${outDir}`);
  const failed =
    results.errors.length + results.apps.reduce((sum, app) => sum + app.errors.length, 0);
  if (failed) {
    log(`${failed} section(s) failed`);
    process.exitCode = 1;
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

await main().catch(async (error: unknown) => {
  await stopAll();
  console.error(error);
  process.exitCode = 1;
});
