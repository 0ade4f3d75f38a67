import { describe, expect, it } from "vitest";
import { CLIENT_SIDE, hopRows } from "./hops.ts";

describe("hopRows", () => {
  it("sums repeated requests per sign-in and takes the median over sign-ins", () => {
    const rows = hopRows([
      {
        ms: 20,
        hops: [
          { label: "app GET /a", status: 302, ms: 5 },
          { label: "idp GET /b", status: 303, ms: 2 },
          { label: "idp GET /b", status: 303, ms: 3 },
        ],
      },
      {
        ms: 30,
        hops: [
          { label: "app GET /a", status: 302, ms: 7 },
          { label: "idp GET /b", status: 303, ms: 4 },
          { label: "idp GET /b", status: 303, ms: 4 },
        ],
      },
      { ms: 10, hops: [{ label: "app GET /a", status: 302, ms: 6 }] },
    ]);
    expect(rows).toEqual([
      { label: "app GET /a", callsPerSignIn: 1, medianMs: 6 },
      { label: "idp GET /b", callsPerSignIn: 2, medianMs: 5 },
      // 20 - 10, 30 - 15, 10 - 6
      { label: CLIENT_SIDE, callsPerSignIn: 0, medianMs: 10 },
    ]);
  });

  it("is empty without samples", () => {
    expect(hopRows([])).toEqual([]);
  });
});
