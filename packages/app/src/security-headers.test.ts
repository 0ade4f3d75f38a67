import { describe, expect, it } from "vitest";
import { securityHeaderRules, securityHeaders } from "./security-headers.ts";

const byKey = (authUrl: string | undefined) =>
  Object.fromEntries(securityHeaders(authUrl).map(({ key, value }) => [key, value]));

describe("securityHeaders", () => {
  it("sets nosniff, a same-origin-only Referer and no framing", () => {
    const headers = byKey("http://localhost:3001");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
  });

  it("sends HSTS over https only", () => {
    expect(byKey("http://localhost:3001")["Strict-Transport-Security"]).toBeUndefined();
    expect(byKey(undefined)["Strict-Transport-Security"]).toBeUndefined();
    expect(byKey("https://app.example")["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });

  it("sends no Referer at all from the pages whose URL carries a token, after the shared rule", () => {
    const rules = securityHeaderRules("http://localhost:3002");
    expect(rules[0]?.source).toBe("/:path*");
    for (const path of ["/bind", "/bi-authenticate"]) {
      const rule = rules.find((candidate) => candidate.source === `${path}/:path*`);
      expect(rule?.headers).toEqual([{ key: "Referrer-Policy", value: "no-referrer" }]);
      expect(rules.indexOf(rule as (typeof rules)[number])).toBeGreaterThan(0);
    }
  });
});
