import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpStatusError, InvalidBodyError } from "./errors.ts";
import { fetchUserinfo, oidcUserinfoSchema } from "./oidc-userinfo.ts";
import { type LocalServer, sendJson, startLocalServer } from "./test-support/local-server.ts";

const token = "eyJhbGciOiJSUzI1NiJ9.secret-access-token.sig";
let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer();
  server.route("/userinfo", (req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      return sendJson(res, 401, {}, { "www-authenticate": 'Bearer error="invalid_token"' });
    }
    sendJson(res, 200, {
      sub: "user-1",
      name: "Ada Lovelace",
      email: "ada@example.com",
      email_verified: "true",
      picture: null,
      groups: ["admins"],
    });
  });
  server.route("/userinfo-no-sub", (_req, res) => sendJson(res, 200, { name: "x", sub: "" }));
});

afterAll(() => server.close());

describe("fetchUserinfo", () => {
  it("sends the bearer token and returns the claims, keeping unknown ones", async () => {
    const userinfo = await fetchUserinfo({
      userinfoEndpoint: `${server.origin}/userinfo`,
      accessToken: token,
    });
    expect(server.seen.at(-1)?.headers.authorization).toBe(`Bearer ${token}`);
    expect(server.seen.at(-1)?.method).toBe("GET");
    expect(userinfo).toMatchObject({
      sub: "user-1",
      name: "Ada Lovelace",
      email_verified: true,
      picture: null,
      groups: ["admins"],
    });
  });

  it("accepts an extended schema", async () => {
    const schema = oidcUserinfoSchema.extend({ groups: z.array(z.string()) });
    const userinfo = await fetchUserinfo({
      userinfoEndpoint: `${server.origin}/userinfo`,
      accessToken: token,
      schema,
    });
    expect(userinfo.groups).toEqual(["admins"]);
  });

  it("rejects a response without a subject", async () => {
    const error = await fetchUserinfo({
      userinfoEndpoint: `${server.origin}/userinfo-no-sub`,
      accessToken: token,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidBodyError);
    expect(error.issues[0].path).toEqual(["sub"]);
  });

  it("rejects claims for another subject than the ID token's", async () => {
    const error = await fetchUserinfo({
      userinfoEndpoint: `${server.origin}/userinfo`,
      accessToken: token,
      expectedSubject: "user-2",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidBodyError);
    expect(error.message).toContain("different subject");
  });

  it("reports a rejected token without revealing it", async () => {
    const wrong = "wrong-token-456";
    const error = await fetchUserinfo({
      userinfoEndpoint: `${server.origin}/userinfo`,
      accessToken: wrong,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error).toMatchObject({ status: 401, oauthError: "invalid_token" });
    expect(error.message).not.toContain(wrong);
    expect(JSON.stringify(error)).not.toContain(wrong);
  });

  it("refuses an unusable token without echoing it", async () => {
    const error = await fetchUserinfo({
      userinfoEndpoint: `${server.origin}/userinfo`,
      accessToken: "bad token\n",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).not.toContain("bad token");
  });
});
