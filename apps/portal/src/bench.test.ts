import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBench } from "./bench.ts";
import { findRepoRoot } from "./env.ts";

describe("loadBench", () => {
  it("reads the committed bench results", async () => {
    const loaded = await loadBench(join(findRepoRoot(), "packages/bench/results/latest.json"));
    if (!("results" in loaded)) throw new Error(JSON.stringify(loaded));
    expect(loaded.results.apps.length).toBeGreaterThan(0);
  });

  it("says missing for no file, and gives the problem for a malformed one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portal-bench-"));
    try {
      expect(await loadBench(join(dir, "latest.json"))).toEqual({ missing: true });
      await writeFile(join(dir, "latest.json"), JSON.stringify({ mode: "full", apps: "none" }));
      expect(await loadBench(join(dir, "latest.json"))).toMatchObject({
        problem: expect.stringContaining("apps"),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
