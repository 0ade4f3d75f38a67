import { UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { parseAuthenticateLink } from "./authenticate-link.ts";

const issuer =
  "http://localhost:8300/v1/tenants/000150caae867219/realms/898e1e08d7da2373/applications/1233449b-11c4-4884-b622-0bfbaefd44d3";
const request = (claims: Record<string, unknown>) => new UnsecuredJWT(claims).encode();

describe("parseAuthenticateLink", () => {
  it("finds the issuer in the request, and keeps the request as it came", () => {
    const jwt = request({ iss: issuer, jti: "uid" });
    expect(parseAuthenticateLink(`http://localhost:3002/bi-authenticate?request=${jwt}`)).toEqual({
      request: jwt,
      issuer,
    });
  });

  it("refuses other paths, missing or malformed requests, and non-http issuers", () => {
    const jwt = request({ iss: issuer });
    expect(parseAuthenticateLink(`http://localhost:3002/bind?request=${jwt}`)).toBeNull();
    expect(parseAuthenticateLink("http://localhost:3002/bi-authenticate")).toBeNull();
    expect(parseAuthenticateLink("http://localhost:3002/bi-authenticate?request=nope")).toBeNull();
    expect(
      parseAuthenticateLink(
        `http://localhost:3002/bi-authenticate?request=${request({ iss: "data:x" })}`,
      ),
    ).toBeNull();
    expect(
      parseAuthenticateLink(`http://localhost:3002/bi-authenticate?request=${request({})}`),
    ).toBeNull();
  });
});
