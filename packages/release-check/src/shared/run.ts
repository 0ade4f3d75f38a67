import { type SpawnOptions, spawn } from "node:child_process";

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions extends SpawnOptions {
  /** Kill the command after this long; it then counts as a failure. */
  timeoutMs?: number;
  /** Print the command's output as it runs instead of only keeping it. */
  echo?: boolean;
}

const running = new Set<number>();

/** Stops every command still running (their whole process groups), e.g. when we are interrupted. */
export function killRunning(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/** Runs a command to completion and keeps its output; never throws on a non-zero exit. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const { timeoutMs, echo, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also stops what the command started (pnpm → node → …).
    const child = spawn(command, args, {
      ...spawnOptions,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (child.pid) running.add(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk;
      if (echo) process.stdout.write(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk;
      if (echo) process.stderr.write(chunk);
    });
    const timer = timeoutMs
      ? setTimeout(() => {
          stderr += `\n(killed after ${timeoutMs} ms)`;
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        }, timeoutMs)
      : undefined;
    child.on("error", reject);
    child.on("close", (code) => {
      if (child.pid) running.delete(child.pid);
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Like `run`, but throws with the command's output when it fails. */
export async function runOrThrow(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-40).join("\n");
    throw new Error(`${command} ${args.join(" ")} exited with ${result.code}:\n${output}`);
  }
  return result;
}

/** The environment for a package manager run outside the outer `pnpm run`, without its npm_* settings. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm|pnpm)_(config|package|lifecycle)_/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}
