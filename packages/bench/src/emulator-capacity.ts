import { summarize } from "./stats.ts";

export interface CapacityStep {
  concurrency: number;
  signIns: number;
  errors: number;
  /** Completed sign-ins per second at this concurrency. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The first error's message, when there were errors. */
  firstError?: string;
}

export interface CapacityResult {
  idp: string;
  steps: CapacityStep[];
  /** Why the ramp stopped. */
  stoppedBecause: "errors" | "p99 over 1 s" | "last level";
}

export const P99_LIMIT_MS = 1000;

/**
 * Complete sign-ins (the bare client's flow) at rising concurrency, each level for `seconds`, until a
 * level has errors or its p99 passes one second, or the levels run out. `beforeLevel` runs before a
 * level starts, outside its time (e.g. enrolling a passkey per concurrent sign-in).
 */
export async function emulatorCapacity(
  idp: string,
  signIn: () => Promise<unknown>,
  settings: { levels: readonly number[]; seconds: number },
  hooks: { beforeLevel?: (concurrency: number) => Promise<unknown> | undefined } = {},
): Promise<CapacityResult> {
  const steps: CapacityStep[] = [];
  for (const concurrency of settings.levels) {
    await hooks.beforeLevel?.(concurrency);
    const step = await runLevel(signIn, concurrency, settings.seconds * 1000);
    steps.push(step);
    if (step.errors > 0) return { idp, steps, stoppedBecause: "errors" };
    if (step.p99Ms > P99_LIMIT_MS) return { idp, steps, stoppedBecause: "p99 over 1 s" };
  }
  return { idp, steps, stoppedBecause: "last level" };
}

async function runLevel(
  signIn: () => Promise<unknown>,
  concurrency: number,
  durationMs: number,
): Promise<CapacityStep> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + durationMs;
  // Each worker starts sign-ins back to back until the deadline; the last one is allowed to finish.
  const worker = async () => {
    while (performance.now() < deadline) {
      const begun = performance.now();
      try {
        await signIn();
        latencies.push(performance.now() - begun);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message.slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedSeconds = (performance.now() - started) / 1000;
  const summary = latencies.length ? summarize(latencies) : undefined;
  return {
    concurrency,
    signIns: latencies.length,
    errors,
    perSecond: latencies.length / elapsedSeconds,
    p50Ms: summary?.median ?? Number.NaN,
    p99Ms: summary?.p99 ?? Number.NaN,
    ...(firstError ? { firstError } : {}),
  };
}
