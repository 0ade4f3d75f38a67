import { describe, expect, it } from "vitest";
import { evaluateTargets } from "./evaluate.ts";
import { sampleResults } from "./testing/sample-results.ts";

const byCheck = (checks: ReturnType<typeof evaluateTargets>, prefix: string) =>
  checks.filter((check) => check.check.startsWith(prefix));

describe("evaluateTargets", () => {
  it("says where each target stands", () => {
    const checks = evaluateTargets(sampleResults());
    expect(byCheck(checks, "HTTP sign-in")[0]).toMatchObject({
      subject: "django-oidc",
      met: false,
      actual: "2.80× (70.0 ms vs 25.0 ms)",
    });
    expect(byCheck(checks, "Session-check")[0]?.met).toBe(false);
    const weights = byCheck(checks, "First-load JS");
    expect(weights.map((check) => check.met)).toEqual([true, false]);
    expect(weights[1]?.actual).toBe("+17.0 kB (152.0 kB vs 135.0 kB gzip)");
    expect(byCheck(checks, "Cached build")[0]).toMatchObject({
      met: true,
      subject: "turbo build (all)",
    });
    expect(byCheck(checks, "≥ 50 concurrent")[0]).toMatchObject({
      subject: "django-oidc emulator",
      met: true,
    });
  });

  it("fails the emulator target on errors at or below 50, or a ramp stopped below it", () => {
    const results = sampleResults();
    const emulator = results.emulators[0];
    if (!emulator) throw new Error("fixture");
    emulator.steps = [
      { concurrency: 25, signIns: 10, errors: 0, perSecond: 5, p50Ms: 900, p99Ms: 1200 },
    ];
    emulator.stoppedBecause = "p99 over 1 s";
    expect(byCheck(evaluateTargets(results), "≥ 50")[0]?.met).toBe(false);
    emulator.steps = [
      { concurrency: 50, signIns: 10, errors: 3, perSecond: 5, p50Ms: 9, p99Ms: 12 },
    ];
    emulator.stoppedBecause = "errors";
    expect(byCheck(evaluateTargets(results), "≥ 50")[0]?.met).toBe(false);
  });

  it("cannot tell when a short ramp (smoke) ends cleanly below 50, or a section is missing", () => {
    const results = sampleResults();
    const emulator = results.emulators[0];
    const app = results.apps[0];
    if (!emulator || !app) throw new Error("fixture");
    emulator.steps = [
      { concurrency: 5, signIns: 10, errors: 0, perSecond: 5, p50Ms: 9, p99Ms: 12 },
    ];
    emulator.stoppedBecause = "last level";
    delete app.httpSignIn;
    delete results.build;
    const checks = evaluateTargets(results);
    expect(byCheck(checks, "≥ 50")[0]?.met).toBeNull();
    expect(byCheck(checks, "HTTP sign-in")[0]).toMatchObject({ met: null, actual: "not measured" });
    expect(byCheck(checks, "Cached build")[0]?.met).toBeNull();
  });
});
