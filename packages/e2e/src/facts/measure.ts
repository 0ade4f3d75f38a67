import { readFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import type { BrowserContext, Page, Request } from "@playwright/test";
import { redactUrl } from "./redact.ts";
import type { CookieFacts, DiscoveryFacts, ProtocolFacts, TimelineEntry } from "./schema.ts";

type Cookie = Awaited<ReturnType<BrowserContext["cookies"]>>[number];

/** A cookie as the facts list it: its size (name + value) and flags, never its value. */
export function cookieFacts(cookie: Cookie): CookieFacts {
  return {
    name: cookie.name,
    bytes: Buffer.byteLength(cookie.name) + Buffer.byteLength(cookie.value),
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite,
  };
}

/**
 * Records every main-frame request from now on: navigations with each redirect hop (Playwright
 * reports a hop as its own request), and server actions (a fetch whose answer redirects the page).
 */
export function recordTimeline(page: Page, origins: { app: string; idp: string }) {
  const started = performance.now();
  const seen: Array<{ request: Request; atMs: number; kind: TimelineEntry["kind"] }> = [];
  const onRequest = (request: Request) => {
    if (request.frame() !== page.mainFrame()) return;
    const kind = request.isNavigationRequest()
      ? "navigation"
      : request.headers()["next-action"]
        ? "server-action"
        : null;
    if (kind) seen.push({ request, atMs: performance.now() - started, kind });
  };
  page.on("request", onRequest);
  return {
    started,
    /** Stops recording; returns the entries with their response statuses. */
    async stop(): Promise<TimelineEntry[]> {
      page.off("request", onRequest);
      return Promise.all(
        seen.map(async ({ request, atMs, kind }) => {
          const url = new URL(request.url());
          const response = await Promise.race([
            request.response().catch(() => null),
            new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000)),
          ]);
          return {
            atMs: Math.round(atMs),
            method: request.method(),
            party: partyOf(url.origin, origins),
            path: redactUrl(url),
            status: response?.status() ?? null,
            kind,
          };
        }),
      );
    },
  };
}

function partyOf(origin: string, origins: { app: string; idp: string }): TimelineEntry["party"] {
  if (origin === origins.app) return "app";
  return origin === origins.idp ? "idp" : "other";
}

/** The protocol facts a discovery document states (OIDC defaults where a field is absent). */
export function discoveryFacts(url: URL, doc: Record<string, unknown>): DiscoveryFacts {
  const list = (key: string, fallback: string[] = []) =>
    Array.isArray(doc[key]) ? (doc[key] as unknown[]).map(String) : fallback;
  return {
    url: redactUrl(url),
    issuer: String(doc.issuer ?? ""),
    responseTypes: list("response_types_supported"),
    pkceMethods: list("code_challenge_methods_supported"),
    tokenEndpointAuthMethods: list("token_endpoint_auth_methods_supported", [
      "client_secret_basic",
    ]),
    endSession: typeof doc.end_session_endpoint === "string",
    refreshGrant: list("grant_types_supported", ["authorization_code", "implicit"]).includes(
      "refresh_token",
    ),
    signingAlgs: list("id_token_signing_alg_values_supported"),
  };
}

/**
 * Reads `{issuer}/.well-known/openid-configuration` (trusting `caFile` for an https IdP, checks on);
 * an IdP without one (a 404, or not JSON) gets discovery null and a note saying what answered.
 */
export async function readProtocol(options: {
  issuer: string;
  caFile?: string;
  rpLogout: boolean;
}): Promise<ProtocolFacts> {
  const url = new URL(`${options.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
  const ca = options.caFile ? await readFile(options.caFile) : undefined;
  const answer = await getFollowingRedirects(url, ca);
  const doc = answer.status === 200 ? parseObject(answer.body) : null;
  if (!doc) {
    return {
      rpLogout: options.rpLogout,
      discovery: null,
      note: `no discovery document: ${redactUrl(url)} answered ${answer.status}`,
    };
  }
  return { rpLogout: options.rpLogout, discovery: discoveryFacts(answer.url, doc) };
}

function parseObject(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// Django answers /o/.well-known/openid-configuration with a redirect to the trailing-slash URL.
async function getFollowingRedirects(url: URL, ca: Buffer | undefined, hops = 3) {
  const answer = await get(url, ca);
  const location = answer.location;
  if (answer.status >= 300 && answer.status < 400 && location && hops > 0) {
    return getFollowingRedirects(new URL(location, url), ca, hops - 1);
  }
  return { ...answer, url };
}

function get(url: URL, ca: Buffer | undefined) {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
    const req = send(url, { ca, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }),
      );
    });
    req.on("timeout", () =>
      req.destroy(new Error(`${url} gave no answer within ${REQUEST_TIMEOUT_MS} ms`)),
    );
    req.on("error", reject);
    req.end();
  });
}
