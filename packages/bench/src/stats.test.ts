import { describe, expect, it } from "vitest";
import { median, percentile, round, summarize } from "./stats.ts";

describe("percentile", () => {
  it("interpolates between closest ranks", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48);
    expect(percentile([5], 99)).toBe(5);
  });

  it("does not depend on input order", () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 100)).toBe(3);
  });

  it("rejects empty samples and out-of-range ranks", () => {
    expect(() => percentile([], 50)).toThrow(/empty/);
    expect(() => percentile([1], 101)).toThrow(/range/);
  });
});

describe("summarize", () => {
  it("gives median, p95, p99, min, max and mean", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const summary = summarize(values);
    expect(summary).toMatchObject({ n: 100, min: 1, max: 100, mean: 50.5 });
    expect(summary.median).toBe(50.5);
    expect(summary.p95).toBeCloseTo(95.05);
    expect(summary.p99).toBeCloseTo(99.01);
  });
});

describe("round", () => {
  it("keeps the given digits", () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.23456, 0)).toBe(1);
  });
});
