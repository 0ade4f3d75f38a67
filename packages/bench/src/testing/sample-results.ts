import type { BenchResults } from "../results.ts";
import { summarize } from "../stats.ts";

/** A small, hand-made result set for the report and target tests (not measured numbers). */
export function sampleResults(): BenchResults {
  return {
    schema: 1,
    mode: "full",
    startedAt: "2026-01-02T03:04:05.000Z",
    durationMs: 312_000,
    machine: {
      cpus: 2,
      cpuModel: "Test CPU",
      memoryGiB: 24,
      node: "v22.23.3",
      platform: "linux x64",
    },
    build: {
      cold: { ms: 100_000, tasks: 6, cached: 0 },
      cached: { ms: 2_000, tasks: 6, cached: 6 },
      ratio: 0.02,
      cacheMisses: [],
    },
    plainPage: { path: "/", files: 5, rawBytes: 450_000, gzipBytes: 135_000 },
    apps: [
      {
        target: "django-oidc",
        app: "django-oidc",
        idp: "django-oidc",
        idpName: "Django OAuth Toolkit",
        httpSignIn: {
          iterations: 3,
          app: summarize([60, 70, 80]),
          bare: summarize([25, 25, 30]),
          ratio: 70 / 25,
          appHops: [
            { label: "app GET /auth/sign-in", callsPerSignIn: 1, medianMs: 12 },
            { label: "idp GET /o/authorize/:id", callsPerSignIn: 2, medianMs: 6 },
          ],
          bareHops: [{ label: "idp GET /o/authorize/:id", callsPerSignIn: 2, medianMs: 5 }],
        },
        browserSignIn: summarize([600, 700, 800]),
        sessionCheck: {
          me: load("/api/me", true, 160, 80),
          health: load("/api/health", false, 400, 50),
          healthWithCookie: load("/api/health", true, 250, 70),
          ratio: 0.4,
        },
        clientWeight: [
          { path: "/", files: 5, rawBytes: 460_000, gzipBytes: 136_000 },
          { path: "/protected", files: 6, rawBytes: 520_000, gzipBytes: 152_000 },
        ],
        errors: [],
      },
    ],
    notMeasured: [
      { target: "wso2", app: "wso2", idp: "wso2", reason: "no HTTP adapter for WSO2 yet" },
    ],
    emulators: [
      {
        idp: "django-oidc",
        steps: [
          { concurrency: 1, signIns: 100, errors: 0, perSecond: 30, p50Ms: 30, p99Ms: 60 },
          { concurrency: 50, signIns: 400, errors: 0, perSecond: 90, p50Ms: 500, p99Ms: 900 },
          { concurrency: 100, signIns: 300, errors: 0, perSecond: 85, p50Ms: 1100, p99Ms: 1500 },
        ],
        stoppedBecause: "p99 over 1 s",
      },
    ],
    errors: [],
  };
}

function load(path: string, withCookie: boolean, requestsPerSecond: number, p99Ms: number) {
  return {
    path,
    withCookie,
    requestsPerSecond,
    p50Ms: p99Ms / 2,
    p99Ms,
    requests: requestsPerSecond * 8,
    non2xx: 0,
    errors: 0,
  };
}
