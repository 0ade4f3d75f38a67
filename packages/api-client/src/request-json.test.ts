import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AbortedError,
  HttpStatusError,
  InvalidBodyError,
  isApiClientError,
  MAX_BODY_TEXT_LENGTH,
  NetworkError,
  TimeoutError,
} from "./errors.ts";
import { requestJson } from "./request-json.ts";
import {
  closedPortOrigin,
  type LocalServer,
  sendJson,
  startLocalServer,
} from "./test-support/local-server.ts";

const schema = z.object({ id: z.string(), count: z.number().transform((n) => n * 2) });

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer();
  server.route("/ok", (_req, res) => sendJson(res, 200, { id: "a", count: 21 }));
  server.route("/scim", (_req, res) =>
    res
      .writeHead(200, { "content-type": "application/scim+json; charset=utf-8" })
      .end('{"id":"scim","count":1}'),
  );
  server.route("/echo", (req, res, body) =>
    sendJson(res, 200, { id: `${req.method} ${req.headers["content-type"]} ${body}`, count: 0 }),
  );
  server.route("/hang", () => {});
  server.route("/stall-body", (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"id":');
  });
  server.route("/not-json", (_req, res) =>
    res.writeHead(200, { "content-type": "application/json" }).end("<html>oops</html>"),
  );
  server.route("/html", (_req, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>"),
  );
  server.route("/wrong-shape", (_req, res) => sendJson(res, 200, { id: 7 }));
  server.route("/unauthorized", (_req, res) =>
    sendJson(
      res,
      401,
      { error: "invalid_token", error_description: "The access token expired" },
      { "www-authenticate": 'Bearer realm="idp", error="invalid_token"' },
    ),
  );
  server.route("/unauthorized-header-only", (_req, res) =>
    res
      .writeHead(401, {
        "www-authenticate": 'Bearer error="insufficient_scope", error_description="needs profile"',
      })
      .end(),
  );
  server.route("/server-error", (_req, res) =>
    res.writeHead(500, { "content-type": "text/html" }).end(`<p>${"x".repeat(5000)}</p>`),
  );
  server.route("/unavailable", (_req, res) => sendJson(res, 503, { message: "maintenance" }));
  server.route("/redirect", (_req, res) =>
    res.writeHead(302, { location: "/target?code=secret-code" }).end(),
  );
  server.route("/target", (_req, res) => sendJson(res, 200, { id: "followed", count: 0 }));
});

afterAll(() => server.close());

const url = (path: string) => `${server.origin}${path}`;

describe("requestJson", () => {
  it("returns the schema's output for a JSON answer", async () => {
    await expect(requestJson(url("/ok"), { schema })).resolves.toEqual({ id: "a", count: 42 });
    expect(server.seen.at(-1)?.headers.accept).toBe("application/json");
  });

  it("accepts +json media types and sends the requested Accept", async () => {
    const result = await requestJson(url("/scim"), { schema, accept: "application/scim+json" });
    expect(result.id).toBe("scim");
    expect(server.seen.at(-1)?.headers.accept).toBe("application/scim+json");
  });

  it("sends plain objects as JSON and defaults to POST", async () => {
    const result = await requestJson(url("/echo"), { schema, body: { a: 1 } });
    expect(result.id).toBe('POST application/json {"a":1}');
  });

  it("sends URLSearchParams as a form", async () => {
    const body = new URLSearchParams({ token: "t" });
    const result = await requestJson(url("/echo"), { schema, method: "post", body });
    expect(result.id).toBe("POST application/x-www-form-urlencoded;charset=UTF-8 token=t");
  });

  it("refuses a body on GET before sending anything", async () => {
    await expect(requestJson(url("/echo"), { schema, method: "GET", body: {} })).rejects.toThrow(
      TypeError,
    );
  });

  it("reports a server that never answers as a TimeoutError", async () => {
    const error = await requestJson(url("/hang"), { schema, timeoutMs: 50 }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: "timeout", timeoutMs: 50, url: url("/hang") });
    expect(error.message).toBe(`${url("/hang")} did not answer within 50 ms.`);
  });

  it("times out a body that stalls after the headers", async () => {
    const error = await requestJson(url("/stall-body"), { schema, timeoutMs: 50 }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("reports the caller's abort as AbortedError, not a timeout", async () => {
    const controller = new AbortController();
    const pending = requestJson(url("/hang"), { schema, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user left")), 20);
    const error = await pending.catch((e) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.kind).toBe("aborted");
    expect(error.cause).toEqual(new Error("user left"));
  });

  it("reports an already-aborted signal as AbortedError", async () => {
    const signal = AbortSignal.abort();
    await expect(requestJson(url("/ok"), { schema, signal })).rejects.toBeInstanceOf(AbortedError);
  });

  it("reports a refused connection as a NetworkError", async () => {
    const origin = await closedPortOrigin();
    const error = await requestJson(`${origin}/userinfo`, { schema }).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
    expect(error.message).toBe(`Could not reach ${origin}/userinfo (ECONNREFUSED).`);
  });

  it("rejects malformed JSON with InvalidBodyError", async () => {
    const error = await requestJson(url("/not-json"), { schema }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidBodyError);
    expect(error).toMatchObject({ kind: "invalid-body", status: 200, issues: [] });
    expect(error.bodyText).toBe("<html>oops</html>");
  });

  it("rejects a non-JSON content type with InvalidBodyError", async () => {
    const error = await requestJson(url("/html"), { schema }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidBodyError);
    expect(error.message).toBe(`${url("/html")} answered content-type text/html instead of JSON.`);
  });

  it("rejects JSON of the wrong shape with the zod issues", async () => {
    const error = await requestJson(url("/wrong-shape"), { schema }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidBodyError);
    expect(error.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual([
      ["id"],
      ["count"],
    ]);
    expect(error.message).toContain("id: Invalid input: expected string, received number");
  });

  it("parses OAuth errors and WWW-Authenticate from a 401", async () => {
    const error = await requestJson(url("/unauthorized"), { schema }).catch((e) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error).toMatchObject({
      kind: "http",
      status: 401,
      statusText: "Unauthorized",
      oauthError: "invalid_token",
      oauthErrorDescription: "The access token expired",
      bodyJson: { error: "invalid_token" },
      wwwAuthenticate: 'Bearer realm="idp", error="invalid_token"',
      authChallenges: [{ scheme: "Bearer", params: { realm: "idp", error: "invalid_token" } }],
    });
    expect(error.message).toBe(
      `${url("/unauthorized")} answered HTTP 401 Unauthorized: invalid_token (The access token expired).`,
    );
  });

  it("falls back to the Bearer challenge when the body has no OAuth error", async () => {
    const error = await requestJson(url("/unauthorized-header-only"), { schema }).catch((e) => e);
    expect(error).toMatchObject({
      status: 401,
      oauthError: "insufficient_scope",
      oauthErrorDescription: "needs profile",
      bodyText: "",
      bodyJson: undefined,
    });
  });

  it.each([
    ["/missing", 404],
    ["/server-error", 500],
    ["/unavailable", 503],
  ])("turns %s into HttpStatusError %i", async (path, status) => {
    const error = await requestJson(url(path), { schema }).catch((e) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.status).toBe(status);
    expect(error.bodyText.length).toBeLessThanOrEqual(MAX_BODY_TEXT_LENGTH + 1);
  });

  it("keeps a JSON error body as bodyJson", async () => {
    const error = await requestJson(url("/unavailable"), { schema }).catch((e) => e);
    expect(error.bodyJson).toEqual({ message: "maintenance" });
    expect(error.message).toBe(`${url("/unavailable")} answered HTTP 503 Service Unavailable.`);
  });

  it("does not follow redirects", async () => {
    const before = server.seen.filter((r) => r.path === "/target").length;
    const error = await requestJson(url("/redirect"), { schema }).catch((e) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error).toMatchObject({ status: 302, location: url("/target") });
    expect(error.message).not.toContain("secret-code");
    expect(server.seen.filter((r) => r.path === "/target").length).toBe(before);
  });

  it("follows redirects only when asked to", async () => {
    const result = await requestJson(url("/redirect"), { schema, redirect: "follow" });
    expect(result.id).toBe("followed");
  });

  it("never puts the query string or token in errors", async () => {
    const secret = "secret-token-123";
    const origin = await closedPortOrigin();
    const errors = await Promise.all(
      [
        requestJson(url(`/unauthorized?access_token=${secret}`), { schema }),
        requestJson(url(`/hang?access_token=${secret}`), { schema, timeoutMs: 30 }),
        requestJson(`${origin}/x?access_token=${secret}`, { schema }),
        requestJson(url(`/wrong-shape?access_token=${secret}`), {
          schema,
          headers: { authorization: `Bearer ${secret}` },
        }),
      ].map((p) => p.catch((e) => e)),
    );
    for (const error of errors) {
      expect(isApiClientError(error)).toBe(true);
      expect(error.message).not.toContain(secret);
      expect(error.message).not.toContain("?");
      expect(error.url).not.toContain(secret);
    }
  });

  it("does not echo invalid URLs or header values", async () => {
    const secret = "secret-token-123";
    await expect(requestJson(`not a url ${secret}`, { schema })).rejects.toThrow(
      "requestJson url must be an absolute http(s) URL.",
    );
    const bad = requestJson(url("/ok"), {
      schema,
      headers: { authorization: `Bearer ${secret}\nInjected: 1` },
    });
    await expect(bad).rejects.toThrow("requestJson headers contain an invalid name or value.");
  });

  it("uses an injected fetch", async () => {
    const calls: string[] = [];
    const fakeFetch = async (input: string) => {
      calls.push(input);
      return Response.json({ id: "fake", count: 1 });
    };
    await expect(
      requestJson("https://idp.example/api", { schema, fetch: fakeFetch }),
    ).resolves.toEqual({ id: "fake", count: 2 });
    expect(calls).toEqual(["https://idp.example/api"]);
  });
});

describe("isApiClientError", () => {
  it("recognises this package's errors only", () => {
    expect(isApiClientError(new TimeoutError({ url: "https://x/", timeoutMs: 1 }))).toBe(true);
    expect(isApiClientError(new Error("x"))).toBe(false);
    expect(isApiClientError(null)).toBe(false);
  });
});
