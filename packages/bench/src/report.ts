import { evaluateTargets, type TargetCheck } from "./evaluate.ts";
import { CLIENT_SIDE } from "./hops.ts";
import type { AppResult, BenchResults, HopRow } from "./results.ts";
import type { LoadResult } from "./session-check.ts";
import type { Summary } from "./stats.ts";

/** "3.7 ms", "42.1 ms", "180 ms", "1.24 s": enough digits to compare, no false precision. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** Kilobytes of 1000 bytes, one decimal. */
export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}

const pair = (summary: Summary | undefined) =>
  summary ? `${formatMs(summary.median)} · ${formatMs(summary.p95)}` : "–";
const throughput = (load: LoadResult | undefined) =>
  load ? `${Math.round(load.requestsPerSecond)} · ${formatMs(load.p99Ms)}` : "–";
const status = (met: boolean | null) =>
  met === null ? "– not measured" : met ? "✅ met" : "❌ missed";

/** A Markdown table; cells are escaped for pipes. */
export function table(header: string[], rows: string[][]): string {
  const escapeCell = (cell: string) => cell.replaceAll("|", "\\|");
  return [
    `| ${header.map(escapeCell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`),
  ].join("\n");
}

const appName = (app: Pick<AppResult, "target" | "idpName">) => `${app.target} (${app.idpName})`;

function hopTable(app: AppResult): string | undefined {
  const http = app.httpSignIn;
  if (!http) return undefined;
  // The client's own work goes last, after the requests of both flows.
  const labels = [...new Set([...http.appHops, ...http.bareHops].map((row) => row.label))].sort(
    (a, b) => Number(a === CLIENT_SIDE) - Number(b === CLIENT_SIDE),
  );
  const cell = (rows: HopRow[], label: string) => {
    const row = rows.find((candidate) => candidate.label === label);
    if (!row) return "–";
    return row.callsPerSignIn > 1
      ? `${formatMs(row.medianMs)} (${row.callsPerSignIn}×)`
      : formatMs(row.medianMs);
  };
  return [
    `**${appName(app)}**: where one HTTP sign-in spends its time (median per sign-in)`,
    ...(http.bareClient ? ["", `Bare client: ${http.bareClient}.`] : []),
    "",
    table(
      ["Request", "App flow", "Bare client"],
      [
        ...labels.map((label) => [label, cell(http.appHops, label), cell(http.bareHops, label)]),
        ["total (median)", formatMs(http.app.median), formatMs(http.bare.median)],
      ],
    ),
    ...(http.trivialRequest
      ? [
          "",
          `For scale: one GET of the app's trivial route /api/health takes ${formatMs(http.trivialRequest.median)} (median).`,
        ]
      : []),
  ].join("\n");
}

export function renderChecks(checks: TargetCheck[]): string {
  return table(
    ["Target", "Subject", "Measured", "Status"],
    checks.map((check) => [check.check, check.subject, check.actual, status(check.met)]),
  );
}

/** The whole report: what the README and the portal show. */
export function renderMarkdown(results: BenchResults): string {
  const { machine } = results;
  const out: string[] = [];
  out.push(
    `${results.mode === "smoke" ? "Smoke run (a few iterations; numbers not meaningful)" : "Full run"}, ${results.startedAt.slice(0, 16).replace("T", " ")} UTC, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${formatDuration(results.durationMs)}.`,
  );
  out.push("", "### Targets", "", renderChecks(evaluateTargets(results)));

  const measured = results.apps;
  if (measured.length) {
    const http = measured.find((app) => app.httpSignIn)?.httpSignIn;
    out.push(
      "",
      "### Sign-in",
      "",
      table(
        [
          "App × IdP",
          "HTTP sign-in (median · p95)",
          "Bare client (median · p95)",
          "App / bare",
          "Browser sign-in (median · p95)",
        ],
        measured.map((app) => [
          appName(app),
          pair(app.httpSignIn?.app),
          pair(app.httpSignIn?.bare),
          app.httpSignIn ? `${app.httpSignIn.ratio.toFixed(2)}×` : "–",
          pair(app.browserSignIn),
        ]),
      ),
      "",
      `HTTP: ${http?.iterations ?? 0} sign-ins of each kind, interleaved. Browser: ${measured[0]?.browserSignIn?.n ?? 0} runs, from opening /protected signed out to /protected loaded.`,
    );
    for (const app of measured) {
      const hops = hopTable(app);
      if (hops) out.push("", hops);
    }
    out.push(
      "",
      "### Session check and client weight",
      "",
      table(
        [
          "App × IdP",
          "/api/me with session (req/s · p99)",
          "/api/health (req/s · p99)",
          "me / health",
          "/api/health with session cookie (req/s · p99)",
          "First-load JS / (gzip)",
          "First-load JS /protected (gzip)",
        ],
        measured.map((app) => {
          const weight = (path: string) => {
            const page = app.clientWeight?.find((candidate) => candidate.path === path);
            return page ? `${formatKb(page.gzipBytes)} (${page.files} files)` : "–";
          };
          return [
            appName(app),
            throughput(app.sessionCheck?.me),
            throughput(app.sessionCheck?.health),
            app.sessionCheck ? `${app.sessionCheck.ratio.toFixed(2)}×` : "–",
            throughput(app.sessionCheck?.healthWithCookie),
            weight("/"),
            weight("/protected"),
          ];
        }),
      ),
    );
    if (results.plainPage)
      out.push(
        "",
        `Plain page of a minimal Next.js app (same next/react, built in this run): ${formatKb(results.plainPage.gzipBytes)} gzip in ${results.plainPage.files} files (${formatKb(results.plainPage.rawBytes)} raw). JS gzipped per file with zlib level 9.`,
      );
  }

  if (results.build) {
    const { build } = results;
    out.push(
      "",
      "### Build",
      "",
      table(
        ["Run", "Wall time", "Tasks (cached)"],
        [
          [
            `cold: turbo run build --force${build.filter ? ` --filter=${build.filter}` : ""}`,
            formatMs(build.cold.ms),
            `${build.cold.tasks} (${build.cold.cached})`,
          ],
          [
            "the same again, cached",
            formatMs(build.cached.ms),
            `${build.cached.tasks} (${build.cached.cached})`,
          ],
        ],
      ),
    );
    if (build.cacheMisses.length)
      out.push(
        "",
        `Not replayed from the cache on the second run: ${build.cacheMisses.join(", ")} (an input changed between the runs).`,
      );
  }

  if (results.emulators.length) {
    out.push(
      "",
      "### Emulator capacity",
      "",
      table(
        ["Emulator", "Concurrency", "Sign-ins", "Sign-ins/s", "p50", "p99", "Errors"],
        results.emulators.flatMap((emulator) =>
          emulator.steps.map((step) => [
            emulator.idp,
            String(step.concurrency),
            String(step.signIns),
            step.perSecond.toFixed(1),
            formatMs(step.p50Ms),
            formatMs(step.p99Ms),
            step.errors ? `${step.errors}: ${step.firstError ?? ""}` : "0",
          ]),
        ),
      ),
      "",
      results.emulators
        .map((emulator) => `${emulator.idp}: the ramp stopped (${emulator.stoppedBecause}).`)
        .join(" "),
    );
  }

  if (results.notMeasured.length) {
    out.push(
      "",
      "### Not measured yet",
      "",
      ...results.notMeasured.map(
        (item) => `- ${item.target} (${item.app} × ${item.idp}): ${item.reason}`,
      ),
    );
  }
  const errors = [
    ...results.errors,
    ...results.apps.flatMap((app) =>
      app.errors.map((error) => ({ ...error, section: `${app.target}: ${error.section}` })),
    ),
  ];
  if (errors.length) {
    out.push(
      "",
      "### Errors",
      "",
      ...errors.map((error) => `- ${error.section}: ${error.message}`),
    );
  }
  return `${out.join("\n")}\n`;
}
