import { describe, expect, it } from "vitest";
import { secretsEqual } from "./secret-compare.ts";

describe("secretsEqual", () => {
  it("accepts only the exact secret", () => {
    const secret = "dev-only-service-token-0123456789";
    expect(secretsEqual(secret, secret)).toBe(true);
    expect(secretsEqual(`${secret}x`, secret)).toBe(false);
    expect(secretsEqual(secret.slice(0, -1), secret)).toBe(false);
    expect(secretsEqual("", secret)).toBe(false);
    expect(secretsEqual(secret.toUpperCase(), secret)).toBe(false);
  });

  it("never matches an empty expected secret", () => {
    expect(secretsEqual("", "")).toBe(false);
  });
});
