import { describe, expect, it } from "vitest";
import { cachedDecoder } from "./decoded-token-cache.ts";

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe("cachedDecoder", () => {
  it("decodes each value once while it is valid", async () => {
    const calls: string[] = [];
    const decode = cachedDecoder(async (value) => {
      calls.push(value);
      return { sub: value, exp: inAnHour() };
    });
    expect(await decode("a")).toMatchObject({ sub: "a" });
    expect(await decode("a")).toMatchObject({ sub: "a" });
    expect(await decode("b")).toMatchObject({ sub: "b" });
    expect(calls).toEqual(["a", "b"]);
  });

  it("never serves an expired entry, and does not keep failures", async () => {
    let exp = Math.floor(Date.now() / 1000) - 1;
    let calls = 0;
    const decode = cachedDecoder(async (value) => {
      calls++;
      return value === "bad" ? null : { exp };
    });
    await decode("old");
    exp = inAnHour();
    expect(await decode("old")).toEqual({ exp });
    expect(await decode("bad")).toBeNull();
    expect(await decode("bad")).toBeNull();
    expect(calls).toBe(4);
  });

  it("forgets the least recently used value beyond its size", async () => {
    let calls = 0;
    const decode = cachedDecoder(async () => {
      calls++;
      return { exp: inAnHour() };
    }, 2);
    await decode("a");
    await decode("b");
    await decode("a");
    await decode("c");
    await decode("a");
    expect(calls).toBe(3);
    await decode("b");
    expect(calls).toBe(4);
  });
});
