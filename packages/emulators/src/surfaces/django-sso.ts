import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { controlRefusal } from "../core/control-guard.ts";
import { CONTROL_PREFIX, type ControlDeps, handleControl } from "../core/control-routes.ts";
import { FaultInjector } from "../core/faults.ts";
import { readForm, redirect, sendHtml, sendJson } from "../core/http-utils.ts";
import { closeServers, listenOnHost } from "../core/listen.ts";
import { pythonJson } from "../core/python-json.ts";
import {
  type FixtureUser,
  users as fixtureUsers,
  type SsoService,
  ssoServices,
} from "../fixtures.ts";
import { type EventDelivery, fanOut, sendEvent } from "./django-sso-events.ts";
import {
  ssoLoginPage,
  ssoNotFoundPage,
  ssoServerErrorPage,
  ssoWelcomePage,
} from "./django-sso-pages.ts";

/**
 * A django-sso gateway (PyPI `django-sso` 3.x, `django_sso.sso_gateway` at the site root): not an
 * OIDC provider, so not built on oidc-provider, but on the core's listen helpers, faults and
 * control routes. Its behaviour follows django-sso's views and models; where it deliberately differs
 * (make_used really marks a request used, unknown tokens cannot deauthenticate), the README says so.
 */
export interface DjangoSsoGatewayOptions {
  /** 0 picks a free port. */
  port: number;
  /** Bind address; "localhost" (default) binds 127.0.0.1 and ::1. */
  host?: string;
  /** Public origin; defaults to `http://localhost:<port>`. */
  issuerOrigin?: string;
  /** Unused: the gateway keeps everything in memory. Accepted so the CLI can pass it as to any IdP. */
  dataDir?: string;
  /** The "Subordinated services" (defaults to fixtures/clients.json). */
  services?: readonly SsoService[];
  /** The gateway's users (defaults to fixtures/users.json). */
  users?: readonly FixtureUser[];
  /** `SSO['SUBORDINATE_COMMUNICATION_TIMEOUT']`; django-sso's default is 100 ms, see the README. */
  eventTimeoutMs?: number;
}

export interface DjangoSsoGateway {
  readonly url: string;
  /** The gateway's root (django-sso's `SSO['ROOT']`); there is no issuer, so this is the origin. */
  readonly issuer: string;
  readonly port: number;
  /** The latest event deliveries, newest last (at most 50). */
  readonly deliveries: readonly EventDelivery[];
  listen(): Promise<DjangoSsoGateway>;
  close(): Promise<void>;
  /** Drops authentication requests, gateway sessions and pending faults. */
  reset(): void;
}

interface AuthenticationRequest {
  service: SsoService;
  nextUrl: string;
  userIdenty: string;
  authenticated: boolean;
  used: boolean;
}

export const GATEWAY_SESSION_COOKIE = "gateway_sessionid";
export const EVENT_TIMEOUT_ENV = "DJANGO_SSO_EVENT_TIMEOUT_MS";

// The django-sso emulator waits longer than django-sso's 100 ms, because `next dev` compiles a
// route on its first request; the env variable sets django-sso's own value back.
const DEFAULT_EVENT_TIMEOUT_MS = 3000;
// What the gateway's settings add to update_account events (SSO['ADDITIONAL_FIELDS']).
const ADDITIONAL_FIELDS = ["first_name", "last_name", "email"] as const;

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Django's get_random_string(128): the length of django-sso's request tokens. */
function randomString(length = 128): string {
  const bytes = randomBytes(length * 2);
  let out = "";
  for (const byte of bytes) {
    // Rejection sampling keeps the alphabet uniform.
    if (byte < 248) out += ALPHABET[byte % 62];
    if (out.length === length) break;
  }
  return out.length === length ? out : randomString(length);
}

const digest = (value: string) => createHash("sha256").update(value).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** Django's JsonResponse: `json.dumps` spacing, `application/json`. */
function djangoJson(res: ServerResponse, status: number, body: unknown): void {
  const text = pythonJson(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

function methodNotAllowed(res: ServerResponse, allowed: string): void {
  res.writeHead(405, { Allow: allowed, "Content-Length": 0 });
  res.end();
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** The Django user record the resource API and events describe. */
function djangoUser(user: FixtureUser) {
  return {
    id: Number(user.id),
    username: user.username,
    first_name: user.givenName,
    last_name: user.familyName,
    email: user.email,
    is_active: true,
    is_staff: false,
    is_superuser: false,
  };
}

/** The record with the extra-claims control's fields, as more columns of the user; never its keys. */
function withExtraFields(user: FixtureUser, extra: Readonly<Record<string, unknown>>) {
  const record = djangoUser(user);
  return { ...record, ...extra, id: record.id, username: record.username };
}

export function createDjangoSsoGateway(options: DjangoSsoGatewayOptions): DjangoSsoGateway {
  const services = options.services ?? ssoServices;
  const users = options.users ?? fixtureUsers;
  const envTimeout = Number(process.env[EVENT_TIMEOUT_ENV]);
  const eventTimeoutMs =
    options.eventTimeoutMs ?? (envTimeout > 0 ? envTimeout : DEFAULT_EVENT_TIMEOUT_MS);
  const requests = new Map<string, AuthenticationRequest>();
  const sessions = new Map<string, string>();
  const deliveries: EventDelivery[] = [];
  const faults = new FaultInjector();
  const startedAt = Date.now();
  let denyNext = false;
  let extraFields: Readonly<Record<string, unknown>> = {};
  let port = options.port;
  let servers: Server[] = [];

  const origin = () => {
    if (options.issuerOrigin) return options.issuerOrigin.replace(/\/$/, "");
    if (port === 0) throw new Error("The gateway has no port yet; await listen() first");
    return `http://localhost:${port}`;
  };

  const reset = () => {
    requests.clear();
    sessions.clear();
    faults.clear();
    denyNext = false;
    extraFields = {};
  };

  const record = (delivered: EventDelivery[]) => {
    deliveries.push(...delivered);
    deliveries.splice(0, Math.max(0, deliveries.length - 50));
  };

  // Service.objects.filter(enabled=True, token=…).first()
  const serviceFor = (token: string) =>
    services.find((service) => service.enabled && sameSecret(token, service.token));

  const findUser = (username: string) => users.find((user) => user.username === username);

  const sessionUser = (req: IncomingMessage) => {
    const key = readCookie(req, GATEWAY_SESSION_COOKIE);
    const username = key ? sessions.get(key) : undefined;
    return username ? findUser(username) : undefined;
  };

  /** LoginView.get_success_url: activates the request and tells its service who signed in. */
  async function successUrl(req: IncomingMessage, user: FixtureUser): Promise<string> {
    const token = (new URL(req.url ?? "/", "http://gateway").searchParams.get("sso") ?? "").trim();
    const request = token ? requests.get(token) : undefined;
    if (!request || request.used || !request.nextUrl) return "/__welcome/";
    request.userIdenty = user.username;
    request.authenticated = true;
    if (!request.service.enabled) return `${request.service.base_url}/sso/accept/`;
    const record_ = withExtraFields(user, extraFields);
    const fields: Record<string, unknown> = {
      is_active: record_.is_active,
      is_staff: record_.is_staff,
      is_superuser: record_.is_superuser,
      user_identy: user.username,
    };
    // The extra fields ride along as if SSO['ADDITIONAL_FIELDS'] listed them too.
    for (const field of [...ADDITIONAL_FIELDS, ...Object.keys(extraFields)]) {
      fields[field] = record_[field as keyof typeof record_];
    }
    const delivered = await sendEvent(
      request.service,
      "update_account",
      { fields },
      eventTimeoutMs,
    );
    record([delivered]);
    // django-sso 3.x: signed in, but the service could not be told, so the user stays here.
    if (!delivered.ok) return "/__welcome/?fallback=true";
    return `${request.service.base_url}/sso/accept/`;
  }

  async function login(req: IncomingMessage, res: ServerResponse) {
    const signedIn = sessionUser(req);
    if (signedIn) return redirect(res, 302, await successUrl(req, signedIn));
    const query = new URL(req.url ?? "/", "http://gateway").searchParams.toString();
    const action = `/login/${query ? `?${query}` : ""}`;
    if (req.method === "GET") {
      return sendHtml(res, 200, ssoLoginPage({ action, username: "", error: false }));
    }
    const form = await readForm(req);
    const username = form.get("username") ?? "";
    const user = findUser(username);
    if (!user || !sameSecret(form.get("password") ?? "", user.password)) {
      return sendHtml(res, 200, ssoLoginPage({ action, username, error: true }));
    }
    const key = randomString(32);
    sessions.set(key, user.username);
    res.setHeader(
      "Set-Cookie",
      `${GATEWAY_SESSION_COOKIE}=${key}; HttpOnly; Path=/; SameSite=Lax; Max-Age=1209600`,
    );
    return redirect(res, 302, await successUrl(req, user));
  }

  function logout(req: IncomingMessage, res: ServerResponse) {
    const key = readCookie(req, GATEWAY_SESSION_COOKIE);
    if (key) sessions.delete(key);
    res.setHeader("Set-Cookie", `${GATEWAY_SESSION_COOKIE}=""; Max-Age=0; Path=/`);
    return redirect(res, 302, "/login/");
  }

  /** The checks every sso/* view starts with; answers the refusal itself and returns undefined. */
  function authenticateService(form: URLSearchParams, res: ServerResponse) {
    const token = (form.get("token") ?? "").trim();
    if (!token) return void djangoJson(res, 200, { error: '"token" is\'nt set' });
    const service = serviceFor(form.get("token") ?? "");
    if (!service) return void djangoJson(res, 200, { error: "Application token is'nt exist" });
    return service;
  }

  // GetAuthenticationRequestView / MakeUsedView lookup: this service's, activated and unused.
  function activatedRequest(form: URLSearchParams, service: SsoService) {
    const token = form.get("authentication_token") ?? "";
    const request = requests.get(token);
    if (!request || request.service !== service || !request.authenticated || request.used) return;
    return request;
  }

  async function obtain(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    if (!(form.get("token") ?? "").trim())
      return djangoJson(res, 200, { error: '"token" is\'nt set' });
    const nextUrl = form.get("next_url") ?? "";
    if (!nextUrl.trim()) return djangoJson(res, 200, { error: '"next_url" is\'nt set' });
    const service = authenticateService(form, res);
    if (!service) return;
    const token = randomString();
    requests.set(token, { service, nextUrl, userIdenty: "", authenticated: false, used: false });
    return djangoJson(res, 200, { token });
  }

  async function get(req: IncomingMessage, res: ServerResponse, markUsed: boolean) {
    const form = await readForm(req);
    const service = authenticateService(form, res);
    if (!service) return;
    if (!(form.get("authentication_token") ?? "").trim()) {
      return djangoJson(res, 200, { error: "Authentication request token is'nt set" });
    }
    const request = activatedRequest(form, service);
    const denied = denyNext && !markUsed;
    if (denied) denyNext = false;
    if (!request || denied) {
      const error = "Authentication request token doesn't exist";
      return djangoJson(res, markUsed ? 404 : 200, { error });
    }
    if (!markUsed) {
      return djangoJson(res, 200, {
        authenticated: true,
        user_identy: request.userIdenty,
        next_url: request.nextUrl,
      });
    }
    // django-sso 1.1.0 sets authenticated = True here, so requests are never used up; we mark it.
    request.used = true;
    return djangoJson(res, 200, { ok: true });
  }

  async function deauthenticate(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    if (!(form.get("token") ?? "").trim())
      return djangoJson(res, 200, { error: '"token" is\'nt set' });
    const userIdenty = form.get("user_identy") ?? "";
    if (!userIdenty.trim()) return djangoJson(res, 200, { error: '"user_identy" is\'nt set' });
    // django-sso 1.1.0 logs the user out first and then crashes on an unknown token; we refuse first.
    const service = authenticateService(form, res);
    if (!service) return;
    const user = findUser(userIdenty);
    if (user) {
      for (const [key, username] of sessions) if (username === user.username) sessions.delete(key);
      const others = services.filter((other) => other !== service);
      record(
        await fanOut(others, "deauthenticate", { user_identy: user.username }, eventTimeoutMs),
      );
    }
    return djangoJson(res, 200, { ok: true });
  }

  // The gateway project's resource API (Django REST framework, TokenAuthentication with the service token).
  function userResource(req: IncomingMessage, res: ServerResponse, username: string) {
    const header = req.headers.authorization ?? "";
    if (!header) {
      res.setHeader("WWW-Authenticate", "Token");
      return sendJson(res, 401, { detail: "Authentication credentials were not provided." });
    }
    const [scheme, key = ""] = header.split(" ");
    if (scheme?.toLowerCase() !== "token" || !serviceFor(key)) {
      res.setHeader("WWW-Authenticate", "Token");
      return sendJson(res, 401, { detail: "Invalid token." });
    }
    const user = findUser(decodeURIComponent(username));
    if (!user) return sendJson(res, 404, { detail: "Not found." });
    return sendJson(res, 200, withExtraFields(user, extraFields));
  }

  const controlDeps: ControlDeps = {
    idp: "django-sso",
    faults,
    startedAt,
    describe: () => ({ url: origin(), issuer: origin() }),
    reset,
    // What the app reads at sign-in: GET /users/{username}/ (and update_account's fields).
    setExtraClaims(claims) {
      extraFields = { ...claims };
    },
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://gateway");
    const path = url.pathname;
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
    if (path.startsWith(CONTROL_PREFIX)) {
      const control = `${method} ${path.slice(CONTROL_PREFIX.length).replace(/\/$/, "")}`;
      if (control === "POST deny-next" || control === "GET events") {
        const refusal = controlRefusal(req);
        if (refusal) return sendJson(res, refusal.status, { error: refusal.error });
        // Test control: the next sso/get/ answers as for a request that was never confirmed (C6).
        if (control === "POST deny-next") denyNext = true;
        return sendJson(res, 200, { ok: true, denyNext, deliveries });
      }
      return handleControl(controlDeps, req, res, path);
    }

    const fault = faults.take(path);
    if (fault?.kind === "hang") return faults.hold(res);
    if (fault?.kind === "fail") {
      return sendJson(res, fault.status, {
        error: "emulator_injected_failure",
        error_description: "The django-sso gateway emulator was told to fail this request.",
        status: fault.status,
      });
    }

    const resource = /^\/users\/([^/]+)\/?$/.exec(path);
    if (resource) {
      return method === "GET"
        ? userResource(req, res, resource[1] ?? "")
        : methodNotAllowed(res, "GET");
    }
    const posts: Record<string, () => Promise<void> | void> = {
      "/sso/obtain/": () => obtain(req, res),
      "/sso/get/": () => get(req, res, false),
      "/sso/make_used/": () => get(req, res, true),
      "/sso/deauthenticate/": () => deauthenticate(req, res),
      "/logout/": () => logout(req, res),
    };
    const post = posts[path];
    if (post) return method === "POST" ? post() : methodNotAllowed(res, "POST");
    if (path === "/login/" && (method === "GET" || method === "POST")) return login(req, res);
    if (path === "/__welcome/" && method === "GET") {
      const user = sessionUser(req);
      const fallback = url.searchParams.get("fallback") === "true";
      return sendHtml(res, 200, ssoWelcomePage({ username: user?.username ?? null, fallback }));
    }
    return sendHtml(res, 404, ssoNotFoundPage());
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => {
      console.error(`[django-sso] request failed: ${(error as Error).stack ?? error}`);
      if (res.headersSent) return void res.destroy();
      sendHtml(res, 500, ssoServerErrorPage());
    });
  };

  const gateway: DjangoSsoGateway = {
    get url() {
      return origin();
    },
    get issuer() {
      return origin();
    },
    get port() {
      return port;
    },
    deliveries,
    async listen() {
      if (servers.length) return gateway;
      const bound = await listenOnHost(handler, port, options.host);
      servers = bound.servers;
      port = bound.port;
      return gateway;
    },
    async close() {
      faults.clear();
      const closing = servers;
      servers = [];
      await closeServers(closing);
    },
    reset,
  };
  return gateway;
}
