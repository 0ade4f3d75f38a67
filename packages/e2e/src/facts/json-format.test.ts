import { describe, expect, it } from "vitest";
import { formatJson } from "./json-format.ts";

describe("formatJson", () => {
  it("expands objects and keeps short arrays of scalars on one line", () => {
    expect(formatJson({ a: ["x", "y"], b: [{ c: 1 }], d: [], e: {}, f: null, g: undefined })).toBe(
      `{
  "a": ["x", "y"],
  "b": [
    {
      "c": 1
    }
  ],
  "d": [],
  "e": {},
  "f": null
}
`,
    );
  });

  it("puts one item a line when the array does not fit in 100 columns", () => {
    const long = ["a".repeat(30), "b".repeat(30), "c".repeat(30)];
    expect(formatJson({ long })).toBe(
      `{\n  "long": [\n    "${long[0]}",\n    "${long[1]}",\n    "${long[2]}"\n  ]\n}\n`,
    );
  });

  it("counts the indent, the key and the comma against the width", () => {
    // `  "k": [...],` is exactly 100 columns with the comma, 101 without room for it.
    const fits = ["x".repeat(100 - 2 - 5 - 2 - 1 - 2)];
    expect(formatJson({ k: fits, z: 1 })).toContain(`"k": ["`);
    const over = ["x".repeat(100 - 2 - 5 - 2 - 1 - 2 + 1)];
    expect(formatJson({ k: over, z: 1 })).toContain(`"k": [\n`);
  });
});
