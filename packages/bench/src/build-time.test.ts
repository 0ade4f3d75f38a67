import { describe, expect, it } from "vitest";
import { cacheMisses, parseTurboSummary } from "./build-time.ts";

const output = `\u001b[2m@idp-gallery/session:build: \u001b[0mcache miss, executing 963c0dc1611f8111
django-oidc:build: cache hit, replaying logs 090c276ac6f94581

 Tasks:    5 successful, 5 total
Cached:    4 cached, 5 total
  Time:    12.3s`;

describe("turbo output", () => {
  it("reads the summary", () => {
    expect(parseTurboSummary(output)).toEqual({ tasks: 5, cached: 4 });
  });

  it("names the tasks that missed the cache", () => {
    expect(cacheMisses(output)).toEqual(["@idp-gallery/session:build"]);
  });

  it("refuses a run with failed tasks or no summary", () => {
    expect(() =>
      parseTurboSummary("Tasks: 4 successful, 5 total\nCached: 0 cached, 5 total"),
    ).toThrow(/failed/);
    expect(() => parseTurboSummary("nothing")).toThrow(/No turbo summary/);
  });
});
