// `pnpm --filter @idp-gallery/bench profile`: where an app's sign-in and session check spend CPU.
// Starts each measured target's app under the inspector, counts its outgoing fetches, and records a
// V8 CPU profile of N HTTP sign-ins, then of /api/me and /api/health under load.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EmulatorControl } from "@idp-gallery/emulators/control";
import { settingsFromEnv } from "./config.ts";
import { type CpuProfile, summarizeProfile, symbolicate } from "./cpu-profile.ts";
import { type FetchTrace, INSTALL_FETCH_TRACE, READ_AND_RESET_FETCH_TRACE } from "./fetch-trace.ts";
import { appSignIn } from "./http-sign-in.ts";
import { connectInspector, type Inspector } from "./inspector.ts";
import { jweCost } from "./jwe-cost.ts";
import { formatMs, table } from "./report.ts";
import { freePort, stopAll } from "./servers.ts";
import { load } from "./session-check.ts";
import { sourceMapResolver } from "./source-maps.ts";
import { startTargetServers } from "./target-servers.ts";
import { benchApps, buildApps, prepareUser, selectTargets } from "./targets.ts";

const outRoot = join(import.meta.dirname, "..", ".tmp", "profiles");
const signIns = Number(process.env.BENCH_PROFILE_SIGN_INS ?? 100);
const loadSeconds = Number(process.env.BENCH_PROFILE_SECONDS ?? 5);
const resolver = sourceMapResolver();

async function profiled(inspector: Inspector, run: () => Promise<unknown>): Promise<CpuProfile> {
  await inspector.send("Profiler.enable");
  await inspector.send("Profiler.setSamplingInterval", { interval: 200 });
  await inspector.send("Profiler.start");
  await run();
  const { profile } = await inspector.send<{ profile: CpuProfile }>("Profiler.stop");
  return symbolicate(profile, resolver);
}

async function evaluate<T>(inspector: Inspector, expression: string): Promise<T> {
  const { result } = await inspector.send<{ result: { value: T } }>("Runtime.evaluate", {
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  return result.value;
}

// The auth stack: where a session check or a sign-in can spend its time beyond Next.js itself.
const authOrigins = (where: string) =>
  ["@auth/core", "next-auth", "jose", "oauth4webapi", "@panva/hkdf"].includes(where) ||
  where.startsWith("@idp-gallery/") ||
  where.startsWith("app ");

function section(title: string, profile: CpuProfile, per: number, unit: string): string {
  const summary = summarizeProfile(profile, authOrigins);
  const rows = (list: typeof summary.selfByOrigin) =>
    list.map((row) => [row.name, formatMs(row.ms / per), `${(row.share * 100).toFixed(1)} %`]);
  return [
    `### ${title}`,
    "",
    `CPU busy in the app process: ${formatMs(summary.busyMs / per)} per ${unit}.`,
    "",
    table(["On the stack, by origin", `per ${unit}`, "share"], rows(summary.onStackByOrigin)),
    "",
    table(["Self time, by origin", `per ${unit}`, "share"], rows(summary.selfByOrigin.slice(0, 8))),
    "",
    table(
      [
        "On the stack, auth functions (Auth.js, jose, oauth4webapi, the gallery's)",
        `per ${unit}`,
        "share",
      ],
      rows(summary.onStackByFunction),
    ),
  ].join("\n");
}

async function main() {
  const settings = settingsFromEnv(process.env);
  // Measured in this process, before any server runs, so nothing competes for the CPU.
  const jwe = await jweCost();
  const jweReport = [
    "### One Auth.js JWT operation (this process, no server running)",
    "",
    table(
      ["Operation (HKDF + JWE dir/A256CBC-HS512)", "median", "p95"],
      [
        [
          "encode (derive key, thumbprint, encrypt)",
          formatMs(jwe.encode.median),
          formatMs(jwe.encode.p95),
        ],
        ["decode (derive key, decrypt)", formatMs(jwe.decode.median), formatMs(jwe.decode.p95)],
      ],
    ),
  ].join("\n");
  await buildApps(benchApps(settings.targets));
  const { selected, notMeasured, errors } = selectTargets(settings.targets);
  for (const error of errors) console.error(`[profile] ${error.section}: ${error.message}`);
  for (const skipped of notMeasured)
    console.log(`[profile] skipping ${skipped.target}: ${skipped.reason}`);
  for (const bench of selected) {
    const { target, adapter, appUrl } = bench;
    const outDir = join(outRoot, target.name);
    await mkdir(outDir, { recursive: true });
    const inspectPort = await freePort();
    const servers = await startTargetServers(bench, {
      nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`],
    });
    const inspector = await connectInspector(inspectPort);
    try {
      await evaluate(inspector, INSTALL_FETCH_TRACE);
      await new EmulatorControl({
        url: target.idpServer.origin,
        controlUrl: target.idpServer.controlUrl,
        ...(target.idpServer.caFile ? { caFile: target.idpServer.caFile } : {}),
      }).reset();
      const user = await prepareUser(bench, "app");
      const signIn = () =>
        appSignIn({
          appUrl,
          idpOrigin: target.idpServer.origin,
          adapter,
          user,
          fetch: bench.fetch,
        });
      let cookie = "";
      for (let i = 0; i < 10; i++) cookie = (await signIn()).cookie;
      await evaluate(inspector, READ_AND_RESET_FETCH_TRACE);
      const signInProfile = await profiled(inspector, async () => {
        for (let i = 0; i < signIns; i++) await signIn();
      });
      const trace = JSON.parse(
        await evaluate<string>(inspector, READ_AND_RESET_FETCH_TRACE),
      ) as FetchTrace;
      const loadProfile = async (path: string, withCookie: boolean) => {
        const options = {
          url: new URL(path, appUrl).href,
          connections: 10,
          ...(withCookie ? { cookie } : {}),
        };
        await load({ ...options, seconds: 2 });
        let requests = 0;
        const profile = await profiled(inspector, async () => {
          requests = (await load({ ...options, seconds: loadSeconds })).requests;
        });
        return { profile, requests };
      };
      const me = await loadProfile("/api/me", true);
      const health = await loadProfile("/api/health", false);
      const healthCookie = await loadProfile("/api/health", true);
      const meTrace = JSON.parse(
        await evaluate<string>(inspector, READ_AND_RESET_FETCH_TRACE),
      ) as FetchTrace;
      await writeFile(join(outDir, "sign-in.cpuprofile"), JSON.stringify(signInProfile));
      await writeFile(join(outDir, "api-me.cpuprofile"), JSON.stringify(me.profile));
      await writeFile(join(outDir, "api-health.cpuprofile"), JSON.stringify(health.profile));
      const perRequest = (
        name: string,
        profile: CpuProfile,
        per: number,
        unit: string,
      ): string[] => {
        const summary = summarizeProfile(profile, authOrigins);
        const onStack = (origin: string) =>
          formatMs((summary.onStackByOrigin.find((row) => row.name === origin)?.ms ?? 0) / per);
        return [
          `${name} (per ${unit})`,
          formatMs(summary.busyMs / per),
          onStack("@auth/core"),
          onStack("jose"),
          onStack("node (crypto)"),
          onStack("next"),
        ];
      };
      const comparison = table(
        [
          "CPU in the app process",
          "busy",
          "@auth/core on stack",
          "jose on stack",
          "node crypto on stack",
          "next on stack",
        ],
        [
          perRequest("HTTP sign-in", signInProfile, signIns, "sign-in"),
          perRequest("/api/me with session", me.profile, me.requests, "request"),
          perRequest("/api/health, no cookie", health.profile, health.requests, "request"),
          perRequest(
            "/api/health with session cookie",
            healthCookie.profile,
            healthCookie.requests,
            "request",
          ),
        ],
      );
      const report = [
        `## ${target.name}: CPU profile of the app process`,
        "",
        `${signIns} HTTP sign-ins, then /api/me, /api/health and /api/health with the session cookie under load (${loadSeconds} s each, 10 connections).`,
        "",
        comparison,
        "",
        "Under the inspector's sampling profiler (it slows the process down); compare rows, not absolute times.",
        "",
        jweReport,
        "",
        "### Outgoing fetches per sign-in",
        "",
        table(
          ["Request", "calls per sign-in", "time per sign-in"],
          Object.entries(trace).map(([key, entry]) => [
            key,
            (entry.count / signIns).toFixed(2),
            formatMs(entry.ms / signIns),
          ]),
        ),
        "",
        `Outgoing fetches during the load runs: ${Object.keys(meTrace).length ? JSON.stringify(meTrace) : "none"}.`,
        "",
        section(`${signIns} sign-ins`, signInProfile, signIns, "sign-in"),
        "",
        section(
          `/api/me with a session (${me.requests} requests)`,
          me.profile,
          me.requests,
          "request",
        ),
        "",
        section(
          `/api/health, no cookie (${health.requests} requests)`,
          health.profile,
          health.requests,
          "request",
        ),
        "",
        section(
          `/api/health with the session cookie (${healthCookie.requests} requests)`,
          healthCookie.profile,
          healthCookie.requests,
          "request",
        ),
      ].join("\n");
      await writeFile(join(outDir, "summary.md"), `${report}\n`);
      console.log(report);
      console.log(`\n[profile] profiles and summary in ${outDir}`);
    } finally {
      inspector.close();
      await servers.stop();
    }
  }
}

await main().finally(stopAll);
