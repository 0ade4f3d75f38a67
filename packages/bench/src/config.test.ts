import { describe, expect, it } from "vitest";
import { SECTIONS, settingsFromEnv } from "./config.ts";

describe("settingsFromEnv", () => {
  it("runs everything at full size by default", () => {
    const settings = settingsFromEnv({});
    expect(settings.smoke).toBe(false);
    expect(settings.http.iterations).toBeGreaterThanOrEqual(50);
    expect(settings.browser.runs).toBeGreaterThanOrEqual(20);
    expect(settings.capacity.levels).toContain(50);
    expect([...settings.sections]).toEqual([...SECTIONS]);
    expect(settings.buildFilter).toBeUndefined();
  });

  it("keeps the smoke run small and its build to one small package", () => {
    const settings = settingsFromEnv({ BENCH_SMOKE: "1" });
    expect(settings.smoke).toBe(true);
    expect(settings.http.iterations).toBeLessThan(10);
    expect(settings.buildFilter).toBe("@idp-gallery/api-client");
  });

  it("reads target and section lists", () => {
    const settings = settingsFromEnv({ BENCH_TARGETS: "a, b", BENCH_SECTIONS: "http,session" });
    expect(settings.targets).toEqual(["a", "b"]);
    expect([...settings.sections]).toEqual(["http", "session"]);
    expect(() => settingsFromEnv({ BENCH_SECTIONS: "nope" })).toThrow(/Unknown section/);
  });
});
