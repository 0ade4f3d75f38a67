import type { BenchResults } from "./results.ts";

/** The targets of issue #10; the bench reports where each stands, it never bends to meet them. */
export const TARGETS = {
  /** HTTP-level sign-in, app / bare client (median). */
  signInRatio: 2,
  /** Session-check throughput, /api/me / /api/health. */
  sessionRatio: 0.8,
  /** First-load JS over the plain page, gzip bytes (kB = 1000 bytes). */
  firstLoadJsExtraBytes: 15_000,
  /** Cached build / cold build. */
  cachedBuildRatio: 0.05,
  /** Concurrent sign-ins every emulator takes with no errors. */
  emulatorConcurrency: 50,
} as const;

export interface TargetCheck {
  /** What is checked, e.g. "HTTP sign-in ≤ 2× bare client". */
  check: string;
  /** Which app, emulator or the workspace. */
  subject: string;
  actual: string;
  /** true met, false missed, null not measured (or not enough to tell). */
  met: boolean | null;
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const signed = (bytes: number) => `${bytes >= 0 ? "+" : "−"}${kB(Math.abs(bytes))}`;

export function evaluateTargets(results: Omit<BenchResults, "durationMs">): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const app of results.apps) {
    const http = app.httpSignIn;
    checks.push({
      check: `HTTP sign-in ≤ ${TARGETS.signInRatio}× bare client`,
      subject: app.target,
      actual: http
        ? `${fixed(http.ratio)}× (${fixed(http.app.median, 1)} ms vs ${fixed(http.bare.median, 1)} ms)`
        : "not measured",
      met: http ? http.ratio <= TARGETS.signInRatio : null,
    });
    const session = app.sessionCheck;
    checks.push({
      check: `Session-check throughput ≥ ${TARGETS.sessionRatio}× trivial route`,
      subject: app.target,
      actual: session
        ? `${fixed(session.ratio)}× (${fixed(session.me.requestsPerSecond, 0)} vs ${fixed(session.health.requestsPerSecond, 0)} req/s)`
        : "not measured",
      met: session ? session.ratio >= TARGETS.sessionRatio : null,
    });
    for (const path of ["/", "/protected"]) {
      const page = app.clientWeight?.find((weight) => weight.path === path);
      const plain = results.plainPage;
      const extra = page && plain ? page.gzipBytes - plain.gzipBytes : undefined;
      checks.push({
        check: `First-load JS of ${path} ≤ plain page + ${kB(TARGETS.firstLoadJsExtraBytes)}`,
        subject: app.target,
        actual:
          page && plain && extra !== undefined
            ? `${signed(extra)} (${kB(page.gzipBytes)} vs ${kB(plain.gzipBytes)} gzip)`
            : "not measured",
        met: extra === undefined ? null : extra <= TARGETS.firstLoadJsExtraBytes,
      });
    }
  }
  const build = results.build;
  checks.push({
    check: `Cached build ≤ ${TARGETS.cachedBuildRatio * 100} % of cold`,
    subject: build?.filter ? `turbo build --filter=${build.filter}` : "turbo build (all)",
    actual: build
      ? `${fixed(build.ratio * 100, 1)} % (${fixed(build.cached.ms / 1000, 1)} s vs ${fixed(build.cold.ms / 1000, 1)} s)${build.cacheMisses.length ? `; not replayed: ${build.cacheMisses.join(", ")}` : ""}`
      : "not measured",
    met: build ? build.ratio <= TARGETS.cachedBuildRatio : null,
  });
  for (const emulator of results.emulators) {
    const clean = emulator.steps.filter((step) => step.errors === 0);
    const best = clean.at(-1);
    const reached = clean.some((step) => step.concurrency >= TARGETS.emulatorConcurrency);
    const failedBelow = emulator.steps.some(
      (step) => step.errors > 0 && step.concurrency <= TARGETS.emulatorConcurrency,
    );
    const stoppedEarly = emulator.stoppedBecause !== "last level";
    const at = emulator.steps.find((step) => step.concurrency >= TARGETS.emulatorConcurrency);
    checks.push({
      check: `≥ ${TARGETS.emulatorConcurrency} concurrent sign-ins, 0 errors`,
      subject: `${emulator.idp} emulator`,
      actual: at
        ? `${at.concurrency} concurrent: ${at.errors} errors, p99 ${fixed(at.p99Ms, 0)} ms, ${fixed(at.perSecond, 0)} sign-ins/s`
        : `ramp ${emulator.stoppedBecause} at ${emulator.steps.at(-1)?.concurrency ?? 0} (last clean: ${best?.concurrency ?? "none"})`,
      // A ramp that ran out of levels below the target (smoke) cannot tell.
      met: reached ? true : failedBelow || stoppedEarly ? false : null,
    });
  }
  return checks;
}
