import { describe, expect, it } from "vitest";
import { diffDocuments, parseDeliberateDifferences } from "./drift.ts";

describe("diffDocuments", () => {
  it("reports keys that differ or exist on one side only", () => {
    const diff = diffDocuments("claims", { a: 1, b: [1, 2], c: "x" }, { a: 1, b: [2, 1], d: true });
    expect(diff.map((d) => d.key)).toEqual(["b", "c", "d"]);
    expect(diff[1]).toEqual({ where: "claims", key: "c", real: "x", emulated: undefined });
  });

  it("compares only the presence of volatile keys", () => {
    const volatile = ["exp", "nonce"];
    expect(
      diffDocuments("claims", { exp: 1, nonce: "a" }, { exp: 2, nonce: "b" }, { volatile }),
    ).toEqual([]);
    expect(diffDocuments("claims", { exp: 1 }, {}, { volatile }).map((d) => d.key)).toEqual([
      "exp",
    ]);
  });

  it("treats each IdP's origin as the same placeholder", () => {
    const real = { issuer: "http://localhost:8810/o", jwks_uri: "http://localhost:8810/o/jwks" };
    const emulated = {
      issuer: "http://localhost:8800/o",
      jwks_uri: "http://localhost:8800/o/keys",
    };
    const origins = ["http://localhost:8810", "http://localhost:8800"] as const;
    expect(diffDocuments("discovery", real, emulated, { origins })).toEqual([
      {
        where: "discovery",
        key: "jwks_uri",
        real: "{idp}/o/jwks",
        emulated: "{idp}/o/keys",
      },
    ]);
  });
});

describe("parseDeliberateDifferences", () => {
  const readme = [
    "# Emulator",
    "## Deliberate differences",
    "Some prose.",
    "",
    "| Where | Key | Emulator | Real |",
    "| --- | --- | --- | --- |",
    "| discovery | `scopes_supported` | listed | absent |",
    "| claims | `at_hash` | absent | present |",
    "",
    "| not | part | of | it |",
    "## Next section",
  ].join("\n");

  it("reads where and key from the first table under the heading", () => {
    expect([...parseDeliberateDifferences(readme, "## Deliberate differences")]).toEqual([
      "discovery scopes_supported",
      "claims at_hash",
    ]);
  });

  it("fails loudly when the section is missing", () => {
    expect(() => parseDeliberateDifferences(readme, "## Nope")).toThrow(/no section/);
  });
});
