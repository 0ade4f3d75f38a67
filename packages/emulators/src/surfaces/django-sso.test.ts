import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BrowserSession } from "../../test/browser-session.ts";
import { jsonPost } from "../../test/raw-request.ts";
import { EmulatorControl } from "../control.ts";
import type { SsoService } from "../fixtures.ts";
import { createDjangoSsoGateway, type DjangoSsoGateway } from "./django-sso.ts";
import { SSO_LOGIN_ERROR } from "./django-sso-pages.ts";

/** A subordinated service's `sso/event/` on loopback, recording what the gateway sends it. */
interface Receiver {
  origin: string;
  events: Array<Record<string, unknown>>;
  answer: { status: number; body: unknown };
  server: Server;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = {
    events: [],
    answer: { status: 200, body: { ok: true } },
  } as unknown as Receiver;
  receiver.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.url === "/sso/event/" && req.method === "POST") {
        receiver.events.push({
          contentType: req.headers["content-type"],
          ...JSON.parse(Buffer.concat(chunks).toString()),
        });
      }
      res.writeHead(receiver.answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(receiver.answer.body));
    });
  });
  await new Promise<void>((resolve) => receiver.server.listen(0, "127.0.0.1", resolve));
  receiver.origin = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
  return receiver;
}

async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const token = (name: string) => `dev-only-test-${name}-${"x".repeat(40)}`;
let app: Receiver;
let wiki: Receiver;
let services: SsoService[];
let gateway: DjangoSsoGateway;
let url: string;
let control: EmulatorControl;

beforeAll(async () => {
  [app, wiki] = [await startReceiver(), await startReceiver()];
  services = [
    { name: "App", base_url: app.origin, enabled: true, token: token("app") },
    { name: "Wiki", base_url: wiki.origin, enabled: true, token: token("wiki") },
    { name: "Offline", base_url: await closedPort(), enabled: true, token: token("offline") },
    { name: "Disabled", base_url: wiki.origin, enabled: false, token: token("disabled") },
  ];
  gateway = await createDjangoSsoGateway({
    port: 0,
    services,
    eventTimeoutMs: REQUEST_TIMEOUT_MS,
  }).listen();
  url = gateway.url;
  control = new EmulatorControl({ url, timeoutMs: REQUEST_TIMEOUT_MS });
});

afterAll(async () => {
  await gateway?.close();
  for (const receiver of [app, wiki]) receiver?.server.close();
});

beforeEach(async () => {
  await control.reset();
  app.events.length = 0;
  wiki.events.length = 0;
  app.answer = { status: 200, body: { ok: true } };
});

async function call(path: string, fields: Record<string, string>) {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return {
    status: response.status,
    text: await response.text(),
    type: response.headers.get("content-type"),
  };
}

const json = async (path: string, fields: Record<string, string>) =>
  JSON.parse((await call(path, fields)).text) as Record<string, unknown>;

async function obtain(service = services[0] as SsoService, nextUrl = "/protected") {
  const answer = await json("/sso/obtain/", { token: service.token, next_url: nextUrl });
  return String(answer.token);
}

/** Signs in at the gateway's form for one request; returns the response to the login POST. */
async function signIn(browser: BrowserSession, request: string, password = "wonderland-1865") {
  const login = await browser.request(`${url}/login/?sso=${request}`);
  expect(login.status).toBe(200);
  return browser.request(`${url}/login/?sso=${request}`, {
    form: { username: "alice", password },
  });
}

describe("obtain", () => {
  it("issues a 128-character request token to an enabled service, as Django's JsonResponse", async () => {
    const response = await call("/sso/obtain/", { token: token("app"), next_url: "/protected" });
    expect(response.status).toBe(200);
    expect(response.type).toBe("application/json");
    expect(response.text).toMatch(/^\{"token": "[A-Za-z0-9]{128}"\}$/);
  });

  it("answers refusals with HTTP 200 and django-sso's wording", async () => {
    expect(await json("/sso/obtain/", { next_url: "/" })).toEqual({ error: '"token" is\'nt set' });
    expect(await json("/sso/obtain/", { token: token("app") })).toEqual({
      error: '"next_url" is\'nt set',
    });
    for (const wrong of ["nope", token("disabled")]) {
      expect(await json("/sso/obtain/", { token: wrong, next_url: "/" })).toEqual({
        error: "Application token is'nt exist",
      });
    }
    expect((await fetch(`${url}/sso/obtain/`)).status).toBe(405);
  });
});

describe("login form and the hand-back to the service", () => {
  it("shows Django's login form for the request, and its error on a wrong password", async () => {
    const request = await obtain();
    const browser = new BrowserSession();
    const form = await browser.request(`${url}/login/?sso=${request}`);
    expect(form.text).toContain(`action="/login/?sso=${request}"`);
    expect(form.text).toContain('name="username"');
    expect(form.text).toContain('type="password" name="password"');
    expect(form.text).toContain('<input type="submit" value="Log in">');
    expect(form.text).not.toContain("csrfmiddlewaretoken");

    const wrong = await signIn(browser, request, "wrong");
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain(SSO_LOGIN_ERROR);
    expect(wrong.text).toContain('value="alice"');
    expect(browser.cookieNames()).toEqual([]);
    expect(app.events).toEqual([]);
  });

  it("signs in, sends update_account (3.x shape) to the service, and redirects to its accept URL", async () => {
    const request = await obtain();
    const done = await signIn(new BrowserSession(), request);
    expect(done.status).toBe(302);
    expect(done.location).toBe(`${app.origin}/sso/accept/`);
    expect(app.events).toEqual([
      {
        contentType: "application/json",
        type: "update_account",
        token: token("app"),
        fields: {
          is_active: true,
          is_staff: false,
          is_superuser: false,
          user_identy: "alice",
          first_name: "Alice",
          last_name: "Liddell",
          email: "alice@example.com",
        },
      },
    ]);
    expect(wiki.events).toEqual([]);
  });

  it("keeps the user on the gateway when the service cannot be told (3.x fallback)", async () => {
    app.answer = { status: 200, body: { error: "Token not provided or incorrect" } };
    const done = await signIn(new BrowserSession(), await obtain());
    expect(done.location).toBe(`${url}/__welcome/?fallback=true`);
    expect(gateway.deliveries.at(-1)).toMatchObject({
      ok: false,
      error: "Token not provided or incorrect",
    });
  });

  it("lets a second service in without the form while the gateway session lasts (SSO)", async () => {
    const browser = new BrowserSession();
    await signIn(browser, await obtain());
    const second = await obtain(services[1]);
    const silent = await browser.request(`${url}/login/?sso=${second}`);
    expect(silent.status).toBe(302);
    expect(silent.location).toBe(`${wiki.origin}/sso/accept/`);
    expect(wiki.events.at(-1)).toMatchObject({ type: "update_account", token: token("wiki") });
    expect(await json("/sso/get/", { token: token("wiki"), authentication_token: second })).toEqual(
      {
        authenticated: true,
        user_identy: "alice",
        next_url: "/protected",
      },
    );
  });
});

describe("get and make_used", () => {
  it("answers once for an activated request, and never again after make_used", async () => {
    const request = await obtain(services[0], "/protected?tab=1");
    const fields = { token: token("app"), authentication_token: request };
    expect(await json("/sso/get/", fields)).toEqual({
      error: "Authentication request token doesn't exist",
    });
    await signIn(new BrowserSession(), request);
    expect(await json("/sso/get/", fields)).toEqual({
      authenticated: true,
      user_identy: "alice",
      next_url: "/protected?tab=1",
    });
    const used = await call("/sso/make_used/", fields);
    expect([used.status, used.text]).toEqual([200, '{"ok": true}']);

    expect(await json("/sso/get/", fields)).toEqual({
      error: "Authentication request token doesn't exist",
    });
    const again = await call("/sso/make_used/", fields);
    expect(again.status).toBe(404);
    // A used request cannot be activated again either: the gateway sends the user to its welcome page.
    const replay = await signIn(new BrowserSession(), request);
    expect(replay.location).toBe(`${url}/__welcome/`);
  });

  it("answers only the service that obtained the request", async () => {
    const request = await obtain();
    await signIn(new BrowserSession(), request);
    expect(
      await json("/sso/get/", { token: token("wiki"), authentication_token: request }),
    ).toEqual({
      error: "Authentication request token doesn't exist",
    });
    expect(await json("/sso/get/", { token: "wrong", authentication_token: request })).toEqual({
      error: "Application token is'nt exist",
    });
    expect(await json("/sso/get/", { token: token("app") })).toEqual({
      error: "Authentication request token is'nt set",
    });
  });

  it("refuses the next request it is asked about when told to (the contract's 'denied')", async () => {
    const request = await obtain();
    await signIn(new BrowserSession(), request);
    await fetch(`${url}/__emulator/deny-next`, jsonPost);
    const fields = { token: token("app"), authentication_token: request };
    expect(await json("/sso/get/", fields)).toEqual({
      error: "Authentication request token doesn't exist",
    });
    expect(await json("/sso/get/", fields)).toMatchObject({ authenticated: true });
  });
});

describe("deauthenticate", () => {
  it("ends the user's gateway sessions and tells every other enabled service", async () => {
    const browser = new BrowserSession();
    await signIn(browser, await obtain());
    app.events.length = 0;
    const answer = await call("/sso/deauthenticate/", {
      token: token("app"),
      user_identy: "alice",
    });
    expect([answer.status, answer.text]).toEqual([200, '{"ok": true}']);

    // The requesting service and the disabled one hear nothing; the offline one fails, logged.
    expect(app.events).toEqual([]);
    expect(wiki.events).toEqual([
      {
        contentType: "application/json",
        type: "deauthenticate",
        token: token("wiki"),
        user_identy: "alice",
      },
    ]);
    expect(gateway.deliveries.slice(-2)).toEqual([
      { service: "Wiki", type: "deauthenticate", ok: true },
      { service: "Offline", type: "deauthenticate", ok: false, error: "ECONNREFUSED" },
    ]);
    // The next sign-in asks for the password again.
    const next = await browser.request(`${url}/login/?sso=${await obtain()}`);
    expect(next.status).toBe(200);
    expect(next.text).toContain('name="password"');
  });

  it("refuses an unknown service token without logging anyone out", async () => {
    const browser = new BrowserSession();
    await signIn(browser, await obtain());
    expect(await json("/sso/deauthenticate/", { token: "forged", user_identy: "alice" })).toEqual({
      error: "Application token is'nt exist",
    });
    expect(await json("/sso/deauthenticate/", { token: token("app") })).toEqual({
      error: '"user_identy" is\'nt set',
    });
    const still = await browser.request(`${url}/login/?sso=${await obtain()}`);
    expect(still.status).toBe(302);
    expect(wiki.events).toEqual([]);
  });
});

describe("resource API, logout and controls", () => {
  it("serves the user to a service token, Django REST framework style", async () => {
    const get = (path: string, authorization?: string) =>
      fetch(`${url}${path}`, { headers: authorization ? { authorization } : {} });
    const ok = await get("/users/alice/", `Token ${token("app")}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      id: 1,
      username: "alice",
      first_name: "Alice",
      last_name: "Liddell",
      email: "alice@example.com",
      is_active: true,
      is_staff: false,
      is_superuser: false,
    });
    expect((await get("/users/bob", `Token ${token("wiki")}`)).status).toBe(200);
    const anonymous = await get("/users/alice/");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe("Token");
    expect((await get("/users/alice/", `Token ${token("disabled")}`)).status).toBe(401);
    expect((await get("/users/nobody/", `Token ${token("app")}`)).status).toBe(404);
  });

  it("logs out at /logout/ (POST), so the next sign-in asks again", async () => {
    const browser = new BrowserSession();
    await signIn(browser, await obtain());
    const out = await browser.request(`${url}/logout/`, { method: "POST" });
    expect([out.status, out.location]).toEqual([302, `${url}/login/`]);
    const next = await browser.request(`${url}/login/?sso=${await obtain()}`);
    expect(next.status).toBe(200);
  });

  it("reuses the core's controls: health, fail-next and reset", async () => {
    expect(await control.health()).toMatchObject({ ok: true, idp: "django-sso", issuer: url });
    await control.failNext({ path: "/sso/get/", status: 500 });
    expect((await call("/sso/get/", { token: token("app") })).status).toBe(500);
    expect((await call("/sso/get/", { token: token("app") })).status).toBe(200);

    const browser = new BrowserSession();
    await signIn(browser, await obtain());
    await control.reset();
    expect((await browser.request(`${url}/login/?sso=${await obtain()}`)).status).toBe(200);
  });
});

describe("extra-claims (the user record the app reads at sign-in)", () => {
  it("adds the fields to GET /users/{username}/ and update_account; reset clears them", async () => {
    const blob = "x".repeat(12 * 1024);
    await control.setExtraClaims({ gallery_blob: blob, id: 99, username: "mallory" });
    const user = () =>
      fetch(`${url}/users/alice/`, { headers: { authorization: `Token ${token("app")}` } });
    // The record's own keys stay the gateway's; the rest ride along as more auth.User columns.
    expect(await (await user()).json()).toMatchObject({
      id: 1,
      username: "alice",
      gallery_blob: blob,
    });
    await signIn(new BrowserSession(), await obtain());
    expect(app.events[0]).toMatchObject({
      type: "update_account",
      fields: { user_identy: "alice", email: "alice@example.com", gallery_blob: blob },
    });

    await control.reset();
    expect(await (await user()).json()).not.toHaveProperty("gallery_blob");
  });

  it("has no token controls: the gateway issues no tokens", async () => {
    const refused = await control.setTokenLifetimes({ accessTokenSeconds: 5 }).catch((e) => e);
    expect(refused).toMatchObject({ status: 404 });
    expect(await control.revokeRefreshTokens().catch((e) => e)).toMatchObject({ status: 404 });
  });
});
