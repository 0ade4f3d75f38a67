import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpStatusError, InvalidBodyError } from "./errors.ts";
import { type LocalServer, startLocalServer } from "./test-support/local-server.ts";
import { fetchScimMe, scimErrorDetail, scimMeUrl } from "./wso2-scim-me.ts";

const token = "9fac7747-bb2d-46be-bef2-a95b2f69f8b2";
const me = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  id: "008bba85-451d-414b-87de-c03b5a1f4217",
  userName: "kim",
  name: { givenName: "Kim", familyName: "Berry" },
  emails: [{ type: "home", value: "kim@example.com", primary: true }, "kim@work.example"],
  meta: { created: "2018-08-17T10:34:29Z", resourceType: "User" },
  roles: [{ type: "default", value: "Internal/everyone" }],
};
const scimError = (status: number, detail: string) =>
  JSON.stringify({
    schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
    detail,
    status: `${status}`,
  });

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer();
  const answer =
    (status: number, body: string) => (_req: unknown, res: import("node:http").ServerResponse) =>
      res.writeHead(status, { "content-type": "application/scim+json" }).end(body);
  server.route("/t/carbon.super/scim2/Me", (req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      return answer(401, scimError(401, "Authorization failure."))(req, res);
    }
    answer(200, JSON.stringify(me))(req, res);
  });
  server.route("/t/no.scope/scim2/Me", answer(403, scimError(403, "Operation is not permitted.")));
  server.route("/t/odd/scim2/Me", answer(200, JSON.stringify({ id: "x" })));
});

afterAll(() => server.close());

describe("fetchScimMe", () => {
  it("GETs /t/{tenant}/scim2/Me with the bearer token and SCIM's media type", async () => {
    const result = await fetchScimMe({
      baseUrl: `${server.origin}/oauth2/token`,
      tenant: "carbon.super",
      accessToken: token,
    });
    const seen = server.seen.at(-1);
    expect(seen?.path).toBe("/t/carbon.super/scim2/Me");
    expect(seen?.headers.authorization).toBe(`Bearer ${token}`);
    expect(seen?.headers.accept).toBe("application/scim+json");
    expect(result).toEqual(me);
  });

  it("builds the super tenant's short path without a tenant, and encodes tenant names", () => {
    expect(scimMeUrl("https://localhost:9443/oauth2/token").href).toBe(
      "https://localhost:9443/scim2/Me",
    );
    expect(scimMeUrl("https://is.example", "a/b").href).toBe("https://is.example/t/a%2Fb/scim2/Me");
  });

  it("reports SCIM errors with their detail, never the token", async () => {
    const error = await fetchScimMe({
      baseUrl: server.origin,
      tenant: "no.scope",
      accessToken: token,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(403);
    expect(scimErrorDetail(error)).toBe("Operation is not permitted.");
    expect(JSON.stringify(error)).not.toContain(token);
    expect(scimErrorDetail(new Error("x"))).toBeUndefined();
  });

  it("rejects a resource without userName", async () => {
    const error = await fetchScimMe({
      baseUrl: server.origin,
      tenant: "odd",
      accessToken: token,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidBodyError);
    expect((error as InvalidBodyError).issues.map((issue) => issue.path.join("."))).toContain(
      "userName",
    );
  });
});
