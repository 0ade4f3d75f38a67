import { describe, expect, it } from "vitest";
import { type CpuProfile, origin, summarizeProfile, symbolicate } from "./cpu-profile.ts";

const frame = (functionName: string, url: string) => ({
  functionName,
  url,
  lineNumber: 0,
  columnNumber: 0,
});

// root → handler (app bundle) → decrypt (jose) ; root → (idle)
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame("(root)", ""), children: [2, 4] },
    {
      id: 2,
      callFrame: frame("handler", "file:///app/.next/server/chunks/a.js"),
      children: [3],
    },
    {
      id: 3,
      callFrame: frame("decrypt", "file:///r/node_modules/.pnpm/jose@6/node_modules/jose/x.js"),
    },
    { id: 4, callFrame: frame("(idle)", "") },
  ],
  startTime: 0,
  endTime: 4000,
  samples: [3, 3, 2, 4],
  timeDeltas: [1000, 1000, 1000, 1000],
};

describe("origin", () => {
  it("names packages, Next's compiled copies, workspace sources, Node and V8", () => {
    expect(
      origin("file:///r/node_modules/.pnpm/@auth+core@0.41.3/node_modules/@auth/core/a.js"),
    ).toBe("@auth/core");
    expect(
      origin("turbopack:///[project]/node_modules/.pnpm/x/node_modules/%40auth/core/a.js"),
    ).toBe("@auth/core");
    expect(origin("file:///r/node_modules/next/dist/compiled/cookie/index.js")).toBe(
      "next (compiled cookie)",
    );
    expect(origin("turbopack:///[project]/packages/session/src/authjs.ts")).toBe(
      "@idp-gallery/session",
    );
    expect(origin("node:internal/streams")).toBe("node (internals)");
    expect(origin("node:internal/crypto/webcrypto")).toBe("node (crypto)");
    expect(origin("")).toBe("V8 (native, GC)");
  });
});

describe("summarizeProfile", () => {
  it("counts self and on-stack time, idle excluded", () => {
    const summary = summarizeProfile(profile);
    expect(summary.busyMs).toBe(3);
    expect(summary.selfByOrigin[0]).toMatchObject({ name: "jose", ms: 2 });
    const bundle = summary.onStackByOrigin.find((row) => row.name.startsWith("app server bundle"));
    expect(bundle?.ms).toBe(3);
    expect(summary.onStackByFunction.map((row) => row.name)).toContain("decrypt · jose");
  });

  it("lists functions of the focused origins only", () => {
    const summary = summarizeProfile(profile, (where) => where === "jose");
    expect(summary.onStackByFunction.map((row) => row.name)).toEqual(["decrypt · jose"]);
  });
});

describe("symbolicate", () => {
  it("maps bundled frames to their original source and leaves others alone", () => {
    const mapped = symbolicate(profile, (url) =>
      url.includes(".next/server")
        ? {
            url: "turbopack:///[project]/packages/session/src/me-handler.ts",
            line: 9,
            name: "meRoute",
          }
        : undefined,
    );
    expect(mapped.nodes[1]?.callFrame.functionName).toBe("meRoute (src/me-handler.ts:10)");
    expect(origin(mapped.nodes[1]?.callFrame.url ?? "")).toBe("@idp-gallery/session");
    expect(mapped.nodes[2]).toBe(profile.nodes[2]);
  });
});
