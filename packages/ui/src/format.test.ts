import { describe, expect, it } from "vitest";
import { epochToIso, formatDateTime, toJson } from "./format.ts";

describe("formatDateTime", () => {
  it("formats an ISO date in UTC", () => {
    expect(formatDateTime("2025-11-22T13:45:00.000Z")).toBe("22 Nov 2025, 13:45 UTC");
  });

  it("returns anything that is not a date unchanged", () => {
    expect(formatDateTime("soon")).toBe("soon");
  });
});

describe("epochToIso", () => {
  it("reads epoch seconds", () => {
    expect(epochToIso(1_700_000_000)).toBe("2023-11-14T22:13:20.000Z");
  });

  it("returns null out of range", () => {
    expect(epochToIso(Number.MAX_VALUE)).toBeNull();
  });
});

describe("toJson", () => {
  it("pretty-prints and survives values JSON cannot hold", () => {
    expect(toJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(toJson(10n)).toBe("10");
    expect(toJson(undefined)).toBe("undefined");
  });
});
