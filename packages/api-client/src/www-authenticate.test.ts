import { describe, expect, it } from "vitest";
import { parseWwwAuthenticate } from "./www-authenticate.ts";

describe("parseWwwAuthenticate", () => {
  it("parses an RFC 6750 Bearer challenge", () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
      ),
    ).toEqual([
      {
        scheme: "Bearer",
        params: {
          realm: "example",
          error: "invalid_token",
          error_description: "The access token expired",
        },
      },
    ]);
  });

  it("splits several challenges and lower-cases parameter names", () => {
    expect(parseWwwAuthenticate('Basic Realm="a, b", Bearer error=invalid_token')).toEqual([
      { scheme: "Basic", params: { realm: "a, b" } },
      { scheme: "Bearer", params: { error: "invalid_token" } },
    ]);
  });

  it("handles bare schemes, token68 and escaped quotes", () => {
    expect(parseWwwAuthenticate('Negotiate abc==, Bearer, DPoP algs="ES256 \\"x\\""')).toEqual([
      { scheme: "Negotiate", params: {}, token68: "abc==" },
      { scheme: "Bearer", params: {} },
      { scheme: "DPoP", params: { algs: 'ES256 "x"' } },
    ]);
  });

  it("returns nothing for an empty or garbage header", () => {
    expect(parseWwwAuthenticate("")).toEqual([]);
    expect(parseWwwAuthenticate('"quoted"')).toEqual([]);
  });
});
