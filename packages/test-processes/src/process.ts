import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { READY_TIMEOUT_MS, STOP_GRACE_MS } from "./bounds.ts";
import { type ReadinessCheck, waitUntilReady } from "./readiness.ts";

export interface StartProcessOptions {
  /** Names the process in every error ("redis-server", "idp-emulator wso2"). */
  name: string;
  command: string;
  args?: readonly string[];
  cwd?: string;
  /** Its whole environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** The port it serves, named in errors. */
  port?: number;
  ready: ReadinessCheck;
  timeoutMs?: number;
}

export interface RunningProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything it printed, stdout and stderr interleaved. */
  output(): string;
  alive(): boolean;
  /** Stops it and everything it started (its process group): SIGTERM, then SIGKILL after a grace. */
  stop(): Promise<void>;
  /** An error naming the process, its port and its last lines of output. */
  failure(what: string, cause?: unknown): Error;
  /** Runs `work` against the process; if it fails, the error also names the process and its output. */
  whileRunning<T>(work: () => Promise<T>): Promise<T>;
}

const TAIL_LINES = 30;

/** The last lines of a process's output, indented, for an error message. */
export function tail(output: string, lines = TAIL_LINES): string {
  const last = output.trimEnd().split("\n").slice(-lines);
  return last.length && last[0] ? last.map((line) => `  | ${line}`).join("\n") : "  (no output)";
}

/**
 * Starts a real process and resolves once `ready` holds. It runs in its own process group, so
 * stop() also ends what it started. If it exits first or the bound passes, it is stopped and the
 * promise rejects with its name, port and last lines of output.
 */
export async function startProcess(options: StartProcessOptions): Promise<RunningProcess> {
  const child = spawn(options.command, options.args ?? [], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  const exited = once(child, "exit").catch(() => undefined);
  const alive = () => !spawnError && child.exitCode === null && child.signalCode === null;
  const where = options.port ? ` (port ${options.port})` : "";

  const running: RunningProcess = {
    name: options.name,
    child,
    output: () => output,
    alive,
    async stop() {
      if (child.pid === undefined) return;
      const wasAlive = alive();
      // The group too: what it started may outlive it (pnpm → node → next).
      signalGroup(child.pid, "SIGTERM");
      if (!wasAlive) return;
      const timer = setTimeout(() => child.pid && signalGroup(child.pid, "SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
    failure(what, cause?: unknown) {
      return new Error(
        `${options.name}${where}: ${what}.\nIts last lines of output:\n${tail(output)}`,
        { cause },
      );
    },
    async whileRunning(work) {
      try {
        return await work();
      } catch (error) {
        const state = alive() ? "running" : `exited (${child.exitCode ?? child.signalCode})`;
        throw running.failure(`${(error as Error).message} [process ${state}]`, error);
      }
    },
  };

  try {
    await waitUntilReady(options.ready, {
      timeoutMs: options.timeoutMs ?? READY_TIMEOUT_MS,
      output: () => output,
      gaveUp: () => {
        if (spawnError) return `it could not be started (${spawnError.message})`;
        if (child.exitCode !== null) return `it exited with code ${child.exitCode}`;
        if (child.signalCode !== null) return `it was killed by ${child.signalCode}`;
        return undefined;
      },
    });
  } catch (error) {
    await running.stop();
    throw running.failure(`not ready: ${(error as Error).message}`);
  }
  return running;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
