import { describe, expect, it } from "vitest";
import { pathTemplate } from "./cookie-jar.ts";

describe("pathTemplate", () => {
  it("replaces random ids and keeps words", () => {
    expect(pathTemplate("/o/authorize/wXEkqKiFTu-SMrBINLkxSGaMdLEcEGLIuEYhYpqNRcf")).toBe(
      "/o/authorize/:id",
    );
    expect(pathTemplate("/o/authorize/a1b2c3d4e5f6g7h8i9")).toBe("/o/authorize/:id");
    expect(pathTemplate("/o/.well-known/openid-configuration")).toBe(
      "/o/.well-known/openid-configuration",
    );
    expect(pathTemplate("/api/auth/callback/django")).toBe("/api/auth/callback/django");
  });
});
