import { describe, expect, it } from "vitest";
import { declaredName } from "./source-maps.ts";

describe("declaredName", () => {
  it("reads the function a line declares", () => {
    expect(declaredName("export async function encode(params) {")).toBe("encode");
    expect(declaredName("const getSession = async (headers, config) => {")).toBe("getSession");
    expect(declaredName("    async create(options, origin) {")).toBe("create");
    expect(declaredName("  session: async function (a) {")).toBe("session");
    expect(declaredName("    if (x) {")).toBeUndefined();
    expect(declaredName("return 1;")).toBeUndefined();
  });
});
