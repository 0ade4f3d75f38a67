import { describe, expect, it } from "vitest";
import { formatDuration, formatKb, formatMs, renderMarkdown, table } from "./report.ts";
import { sampleResults } from "./testing/sample-results.ts";

describe("formatting", () => {
  it("formats times, sizes and durations", () => {
    expect(formatMs(3.71)).toBe("3.7 ms");
    expect(formatMs(180.4)).toBe("180 ms");
    expect(formatMs(1240)).toBe("1.24 s");
    expect(formatMs(Number.NaN)).toBe("–");
    expect(formatKb(134_652)).toBe("134.7 kB");
    expect(formatDuration(312_000)).toBe("5 min 12 s");
    expect(formatDuration(42_400)).toBe("42 s");
  });

  it("builds Markdown tables and escapes pipes", () => {
    expect(table(["a", "b"], [["1", "x|y"]])).toBe("| a | b |\n| --- | --- |\n| 1 | x\\|y |");
  });
});

describe("renderMarkdown", () => {
  const markdown = renderMarkdown(sampleResults());

  it("starts with the run and the targets", () => {
    expect(markdown).toMatch(
      /^Full run, 2026-01-02 03:04 UTC, 2 × Test CPU, 24 GiB, Node v22\.23\.3, 5 min 12 s\./,
    );
    expect(markdown).toContain(
      "| HTTP sign-in ≤ 2× bare client | django-oidc | 2.80× (70.0 ms vs 25.0 ms) | ❌ missed |",
    );
    expect(markdown).toContain(
      "| Cached build ≤ 5 % of cold | turbo build (all) | 2.0 % (2.0 s vs 100.0 s) | ✅ met |",
    );
  });

  it("has a row per app with sign-in, session and weight figures", () => {
    expect(markdown).toContain(
      "| django-oidc (Django OAuth Toolkit) | 70.0 ms · 79.0 ms | 25.0 ms · 29.5 ms | 2.80× | 700 ms · 790 ms |",
    );
    expect(markdown).toContain("| idp GET /o/authorize/:id | 6.0 ms (2×) | 5.0 ms (2×) |");
    expect(markdown).toContain(
      "| 160 · 80.0 ms | 400 · 50.0 ms | 0.40× | 250 · 70.0 ms | 136.0 kB (5 files) | 152.0 kB (6 files) |",
    );
  });

  it("lists build, capacity and what is not measured yet", () => {
    expect(markdown).toContain("| cold: turbo run build --force | 100.00 s | 6 (0) |");
    expect(markdown).toContain("| django-oidc | 50 | 400 | 90.0 | 500 ms | 900 ms | 0 |");
    expect(markdown).toContain("the ramp stopped (p99 over 1 s)");
    expect(markdown).toContain("- wso2 (wso2 × wso2): no HTTP adapter for WSO2 yet");
    expect(markdown).not.toContain("### Errors");
  });
});
