import { readFile } from "node:fs/promises";
import { z } from "zod";

// Only the fields the portal shows from packages/bench/results/latest.json; the rest may change.
const summary = z.object({ median: z.number(), p95: z.number() });
const benchApp = z.object({
  target: z.string(),
  idpName: z.string(),
  httpSignIn: z.object({ app: summary, bare: summary, ratio: z.number() }).optional(),
  browserSignIn: summary.optional(),
  sessionCheck: z
    .object({
      me: z.object({ requestsPerSecond: z.number() }),
      health: z.object({ requestsPerSecond: z.number() }),
    })
    .optional(),
  clientWeight: z.array(z.object({ path: z.string(), gzipBytes: z.number() })).optional(),
});

export const benchResults = z.object({
  mode: z.string(),
  startedAt: z.iso.datetime(),
  apps: z.array(benchApp),
  notMeasured: z.array(z.object({ target: z.string(), reason: z.string() })).default([]),
});

export type BenchResults = z.infer<typeof benchResults>;

/** The latest bench run, or why there is none to show (a missing file is not an error). */
export async function loadBench(
  path: string,
): Promise<{ results: BenchResults } | { missing: true } | { problem: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return { missing: true };
  }
  try {
    const parsed = benchResults.safeParse(JSON.parse(text));
    return parsed.success ? { results: parsed.data } : { problem: z.prettifyError(parsed.error) };
  } catch (error) {
    return { problem: `not JSON: ${(error as Error).message}` };
  }
}
