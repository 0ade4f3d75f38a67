import { setTimeout as sleep } from "node:timers/promises";
import { READY_TIMEOUT_MS } from "./bounds.ts";
import { portAccepts } from "./ports.ts";

/** What "ready" means for one process, checked by polling until it holds. */
export interface ReadinessCheck {
  /** For error messages: "GET http://127.0.0.1:4000/health answers 2xx". */
  describe: string;
  /** One attempt; `output` is what the process has printed so far. Never throws. */
  probe(output: string): Promise<boolean>;
}

const POLL_INTERVAL_MS = 100;
// One probe's own bound: a loaded machine may be slow to answer, and the next poll tries again.
const PROBE_TIMEOUT_MS = 5_000;

/** Ready once something accepts TCP connections on the port. */
export function portOpen(port: number): ReadinessCheck {
  return { describe: `port ${port} accepts connections`, probe: () => portAccepts(port) };
}

/** Ready once `url` answers with a status that `accept` takes (2xx by default). */
export function httpAnswers(
  url: string,
  options: { accept?: (status: number) => boolean; fetch?: typeof fetch } = {},
): ReadinessCheck {
  const accept = options.accept ?? ((status) => status >= 200 && status < 300);
  const request = options.fetch ?? fetch;
  return {
    describe: `GET ${url} answers`,
    async probe() {
      try {
        const response = await request(url, {
          signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
          redirect: "manual",
        });
        await response.body?.cancel();
        return accept(response.status);
      } catch {
        return false;
      }
    },
  };
}

/** Ready once the process has printed a line matching `pattern` (e.g. its "ready at" line). */
export function outputMatches(pattern: RegExp): ReadinessCheck {
  return {
    describe: `its output matches ${pattern}`,
    probe: async (output) => pattern.test(output),
  };
}

/** Ready once every check holds, in order. */
export function allOf(...checks: ReadinessCheck[]): ReadinessCheck {
  return {
    describe: checks.map((check) => check.describe).join(", and "),
    async probe(output) {
      for (const check of checks) if (!(await check.probe(output))) return false;
      return true;
    },
  };
}

export interface WaitOptions {
  timeoutMs?: number;
  /** What everything printed so far is; passed to each probe. */
  output?: () => string;
  /** Stops the wait early, with this reason, when it returns a string (e.g. "it exited with code 1"). */
  gaveUp?: () => string | undefined;
}

/** Polls `check` until it holds; rejects with the reason after the bound or when `gaveUp` says so. */
export async function waitUntilReady(
  check: ReadinessCheck,
  options: WaitOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? READY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = options.gaveUp?.();
    if (reason) throw new NotReadyError(`${reason} before ${check.describe}`);
    if (await check.probe(options.output?.() ?? "")) return;
    if (Date.now() > deadline) {
      throw new NotReadyError(`${check.describe} did not hold within ${timeoutMs} ms`);
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

export class NotReadyError extends Error {
  override name = "NotReadyError";
}
