/** How much of each section a run does; the smoke mode exercises every section in a minute or two. */
export interface BenchSettings {
  smoke: boolean;
  http: { warmup: number; iterations: number };
  browser: { warmup: number; runs: number };
  session: { seconds: number; warmupSeconds: number; connections: number };
  capacity: { levels: number[]; seconds: number };
  /** turbo --filter for the build section (all apps and packages when unset). */
  buildFilter?: string;
  /** Only these targets (BENCH_TARGETS=a,b); all emulator targets when unset. */
  targets?: string[];
  /** Only these sections (BENCH_SECTIONS=build,http,…); all when unset. */
  sections: Set<Section>;
  /** Where results go; the package's results/ only for a complete full run. */
  outDir?: string;
}

export const SECTIONS = ["build", "weight", "http", "session", "browser", "capacity"] as const;
export type Section = (typeof SECTIONS)[number];

const list = (value: string | undefined) =>
  value
    ?.split(",")
    .map((item) => item.trim())
    .filter(Boolean);

export function settingsFromEnv(env: Record<string, string | undefined>): BenchSettings {
  const smoke = env.BENCH_SMOKE === "1" || env.BENCH_SMOKE === "true";
  const sections = list(env.BENCH_SECTIONS);
  for (const section of sections ?? []) {
    if (!(SECTIONS as readonly string[]).includes(section))
      throw new Error(
        `Unknown section "${section}" in BENCH_SECTIONS (known: ${SECTIONS.join(", ")})`,
      );
  }
  const targets = list(env.BENCH_TARGETS);
  const buildFilter = env.BENCH_BUILD_FILTER || (smoke ? "@idp-gallery/api-client" : undefined);
  return {
    smoke,
    http: smoke ? { warmup: 1, iterations: 3 } : { warmup: 5, iterations: 100 },
    browser: smoke ? { warmup: 1, runs: 2 } : { warmup: 2, runs: 20 },
    // Sized so a full run of all seven targets stays under 10 minutes on the 2-core machine (the
    // session check's three routes and the capacity ramp are most of it).
    session: smoke
      ? { seconds: 1, warmupSeconds: 1, connections: 10 }
      : { seconds: 6, warmupSeconds: 2, connections: 10 },
    capacity: smoke
      ? { levels: [1, 5], seconds: 1 }
      : { levels: [1, 5, 10, 25, 50, 100, 200, 400], seconds: 3 },
    ...(buildFilter ? { buildFilter } : {}),
    ...(targets ? { targets } : {}),
    sections: new Set((sections ?? SECTIONS) as Section[]),
    ...(env.BENCH_OUT_DIR ? { outDir: env.BENCH_OUT_DIR } : {}),
  };
}
