import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers.ts";

const byKey = (authUrl: string | undefined) =>
  Object.fromEntries(securityHeaders(authUrl).map(({ key, value }) => [key, value]));

describe("securityHeaders", () => {
  it("sets nosniff, no-referrer and no framing", () => {
    const headers = byKey("http://localhost:3001");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("no-referrer");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
  });

  it("sends HSTS over https only", () => {
    expect(byKey("http://localhost:3001")["Strict-Transport-Security"]).toBeUndefined();
    expect(byKey(undefined)["Strict-Transport-Security"]).toBeUndefined();
    expect(byKey("https://app.example")["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });
});
