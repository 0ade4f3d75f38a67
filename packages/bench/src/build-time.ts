import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";

export interface TurboRun {
  ms: number;
  tasks: number;
  cached: number;
}

/** The task names turbo reports as cache misses (with --output-logs=hash-only). */
export function cacheMisses(output: string): string[] {
  return stripVTControlCharacters(output)
    .split("\n")
    .map((line) => /^(\S+?):\s*cache miss/.exec(line.trim())?.[1])
    .filter((task): task is string => Boolean(task));
}

export interface BuildResult {
  /** The turbo filter, when the run built only part of the workspace. */
  filter?: string;
  cold: TurboRun;
  cached: TurboRun;
  /** cached / cold. */
  ratio: number;
  /** Tasks the second run rebuilt instead of replaying ("task: cache miss, executing <hash>"). */
  cacheMisses: string[];
}

/** Reads turbo's closing summary: "Tasks: 7 successful, 7 total" and "Cached: 7 cached, 7 total". */
export function parseTurboSummary(output: string): { tasks: number; cached: number } {
  const plain = stripVTControlCharacters(output);
  const tasks = /Tasks:\s+(\d+) successful, (\d+) total/.exec(plain);
  const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(plain);
  if (!tasks || !cached) throw new Error(`No turbo summary in:\n${plain.slice(-1500)}`);
  if (tasks[1] !== tasks[2]) throw new Error(`Some build tasks failed:\n${plain.slice(-3000)}`);
  return { tasks: Number(tasks[2]), cached: Number(cached[1]) };
}

async function turboBuild(root: string, extra: string[]): Promise<TurboRun & { output: string }> {
  const turbo = join(root, "node_modules", ".bin", "turbo");
  const started = performance.now();
  // hash-only: one "cache hit/miss" line per task, which says why a run was not cached.
  const child = spawn(turbo, ["run", "build", "--output-logs=hash-only", ...extra], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [code] = (await once(child, "exit")) as [number | null];
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`turbo run build exited with ${code}:\n${output.slice(-3000)}`);
  return { ms, ...parseTurboSummary(output), output };
}

/**
 * `turbo run build --force` (every task rebuilt, apps and packages) against the same command again,
 * fully cached. Run it before any server starts: it rewrites the apps' `.next`.
 */
export async function measureBuild(root: string, filter?: string): Promise<BuildResult> {
  const scope = filter ? [`--filter=${filter}`] : [];
  const { output: _cold, ...cold } = await turboBuild(root, ["--force", ...scope]);
  // A miss is a finding (an input the build itself rewrites, or a file edited meanwhile), not an error.
  const { output, ...cached } = await turboBuild(root, scope);
  return {
    ...(filter ? { filter } : {}),
    cold,
    cached,
    ratio: cached.ms / cold.ms,
    cacheMisses: cacheMisses(output),
  };
}
