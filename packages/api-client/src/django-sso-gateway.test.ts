import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DjangoSsoRefusedError,
  deauthenticateUser,
  fetchGatewayUser,
  gatewayLoginUrl,
  getAuthenticationRequest,
  markRequestUsed,
  obtainRequestToken,
  parseDjangoSsoEvent,
} from "./django-sso-gateway.ts";
import {
  HttpStatusError,
  InvalidBodyError,
  isApiClientError,
  RefusedError,
  TimeoutError,
} from "./errors.ts";
import { type LocalServer, sendJson, startLocalServer } from "./test-support/local-server.ts";

const serviceToken = "svc-token-0123456789abcdefghijklmnopqrstuvwxyz";
const requestToken = "req-token-abcdefghijklmnopqrstuvwxyz0123456789";
let server: LocalServer;
let gateway: { gatewayUrl: string; serviceToken: string; timeoutMs: number };

// A gateway on loopback answering the way django-sso 1.1.0's views do (200 with {"error"} for most refusals).
beforeAll(async () => {
  server = await startLocalServer();
  gateway = { gatewayUrl: server.origin, serviceToken, timeoutMs: REQUEST_TIMEOUT_MS };
  const form = (body: string) => new URLSearchParams(body);
  const service = (body: string) => form(body).get("token") === serviceToken;
  server.route("/sso/obtain/", (_req, res, body) => {
    if (!service(body)) return sendJson(res, 200, { error: "Application token is'nt exist" });
    if (!form(body).get("next_url")) return sendJson(res, 200, { error: '"next_url" is\'nt set' });
    sendJson(res, 200, { token: requestToken });
  });
  server.route("/sso/get/", (_req, res, body) => {
    if (form(body).get("authentication_token") !== requestToken) {
      return sendJson(res, 200, { error: "Authentication request token doesn't exist" });
    }
    sendJson(res, 200, { authenticated: true, user_identy: "alice", next_url: "/protected" });
  });
  server.route("/sso/make_used/", (_req, res, body) => {
    if (form(body).get("authentication_token") !== requestToken) {
      return sendJson(res, 404, { error: "Authentication request token is'nt exists" });
    }
    sendJson(res, 200, { ok: true });
  });
  server.route("/sso/deauthenticate/", (_req, res, body) => {
    if (!form(body).get("user_identy")) {
      return sendJson(res, 200, { error: '"user_identy" is\'nt set' });
    }
    sendJson(res, 200, { ok: true });
  });
  server.route("/users/alice/", (req, res) => {
    if (req.headers.authorization !== `Token ${serviceToken}`) {
      return sendJson(res, 403, { detail: "Invalid token." });
    }
    sendJson(res, 200, {
      id: 1,
      username: "alice",
      first_name: "Alice",
      last_name: "Liddell",
      email: "alice@example.com",
      is_active: true,
      is_staff: false,
    });
  });
});

afterAll(() => server.close());

const lastForm = () => Object.fromEntries(new URLSearchParams(server.seen.at(-1)?.body ?? ""));

describe("django-sso gateway client", () => {
  it("obtains a request token with the service token and next_url as form fields", async () => {
    expect(await obtainRequestToken({ ...gateway, nextUrl: "/protected" })).toBe(requestToken);
    const seen = server.seen.at(-1);
    expect(seen?.method).toBe("POST");
    expect(seen?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(lastForm()).toEqual({ token: serviceToken, next_url: "/protected" });
  });

  it("builds the gateway's login URL for the browser", () => {
    expect(gatewayLoginUrl(`${server.origin}/`, "a b")).toBe(`${server.origin}/login/?sso=a+b`);
  });

  it("maps the gateway's 200-with-error answers to typed refusals without echoing secrets", async () => {
    const wrong = "wrong-service-token-value";
    const error = await obtainRequestToken({
      ...gateway,
      serviceToken: wrong,
      nextUrl: "/",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DjangoSsoRefusedError);
    // The generic kind, so callers can handle refusals without importing the vendor class.
    expect(error).toBeInstanceOf(RefusedError);
    expect(isApiClientError(error) && error.kind).toBe("refused");
    expect(error).toMatchObject({ reason: "unknown-service", status: 200 });
    expect(String((error as Error).message)).not.toContain(wrong);

    const missing = await obtainRequestToken({ ...gateway, nextUrl: "" }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ reason: "missing-next-url" });
  });

  it("reads who signed in for a request, and refuses unknown requests", async () => {
    expect(await getAuthenticationRequest({ ...gateway, requestToken })).toEqual({
      userIdenty: "alice",
      nextUrl: "/protected",
    });
    expect(lastForm()).toEqual({ token: serviceToken, authentication_token: requestToken });
    const error = await getAuthenticationRequest({ ...gateway, requestToken: "used-one" }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: "refused", reason: "unknown-request", status: 200 });
  });

  it("marks a request used, and treats make_used's 404 as a refusal", async () => {
    await expect(markRequestUsed({ ...gateway, requestToken })).resolves.toBeUndefined();
    const error = await markRequestUsed({ ...gateway, requestToken: "gone" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DjangoSsoRefusedError);
    expect(error).toMatchObject({ reason: "unknown-request", status: 404 });
  });

  it("deauthenticates a user", async () => {
    await deauthenticateUser({ ...gateway, userIdenty: "alice" });
    expect(lastForm()).toEqual({ token: serviceToken, user_identy: "alice" });
    const error = await deauthenticateUser({ ...gateway, userIdenty: "" }).catch((e) => e);
    expect(error).toMatchObject({ reason: "missing-user" });
  });

  it("fetches the gateway user with the service token", async () => {
    const user = await fetchGatewayUser({ ...gateway, username: "alice" });
    expect(user).toMatchObject({ id: 1, username: "alice", email: "alice@example.com" });
    expect(server.seen.at(-1)?.headers.authorization).toBe(`Token ${serviceToken}`);
    const error = await fetchGatewayUser({ ...gateway, serviceToken: "nope", username: "alice" })
      .then(() => null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(403);
  });

  it("times out a gateway that does not answer, and rejects answers of the wrong shape", async () => {
    server.route("/hang/sso/get/", () => {});
    const hanging = { ...gateway, gatewayUrl: `${server.origin}/hang`, timeoutMs: 100 };
    const timeout = await getAuthenticationRequest({ ...hanging, requestToken }).catch((e) => e);
    expect(timeout).toBeInstanceOf(TimeoutError);

    server.route("/odd/sso/obtain/", (_req, res) => sendJson(res, 200, { token: 42 }));
    const odd = { ...gateway, gatewayUrl: `${server.origin}/odd` };
    const invalid = await obtainRequestToken({ ...odd, nextUrl: "/" }).catch((e) => e);
    expect(invalid).toBeInstanceOf(InvalidBodyError);
  });

  it("lets an HTTP failure through as such (not as a refusal), even with an error body", async () => {
    server.route("/down/sso/deauthenticate/", (_req, res) =>
      res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>"),
    );
    server.route("/down/sso/get/", (_req, res) => sendJson(res, 500, { error: "boom" }));
    const down = { ...gateway, gatewayUrl: `${server.origin}/down` };
    const error = await deauthenticateUser({ ...down, userIdenty: "alice" }).catch((e) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(502);
    const failed = await getAuthenticationRequest({ ...down, requestToken }).catch((e) => e);
    expect(failed).toBeInstanceOf(HttpStatusError);
    expect(failed).not.toBeInstanceOf(DjangoSsoRefusedError);
  });
});

describe("django-sso events", () => {
  it("parses the 3.x shapes and drops the token", () => {
    const parsed = parseDjangoSsoEvent({
      type: "update_account",
      token: "secret",
      fields: { user_identy: "alice", is_active: true, email: "alice@example.com" },
    });
    expect(parsed.success && parsed.data).toEqual({
      type: "update_account",
      fields: { user_identy: "alice", is_active: true, email: "alice@example.com" },
    });
    const deauth = parseDjangoSsoEvent({ type: "deauthenticate", token: "t", user_identy: "bob" });
    expect(deauth.success && deauth.data).toEqual({ type: "deauthenticate", user_identy: "bob" });
  });

  it("accepts 1.x's flat username form", () => {
    const deauth = parseDjangoSsoEvent({ type: "deauthenticate", token: "t", username: "bob" });
    expect(deauth.success && deauth.data).toEqual({ type: "deauthenticate", user_identy: "bob" });
    const update = parseDjangoSsoEvent({
      type: "update_account",
      username: "bob",
      is_active: false,
    });
    expect(update.success && update.data).toEqual({
      type: "update_account",
      fields: { user_identy: "bob", is_active: false },
    });
  });

  it("refuses unknown types and malformed events", () => {
    expect(parseDjangoSsoEvent({ type: "_private", user_identy: "x" }).success).toBe(false);
    expect(parseDjangoSsoEvent({ type: "deauthenticate" }).success).toBe(false);
    expect(parseDjangoSsoEvent({ type: "deauthenticate", user_identy: "" }).success).toBe(false);
  });
});
