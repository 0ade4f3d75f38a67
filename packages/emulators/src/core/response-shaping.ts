import { CompactSign, importJWK, type JWK } from "jose";
import type { KoaContextWithOIDC } from "oidc-provider";
import { type PersistedKeys, wso2Thumbprint } from "./keys.ts";
import type { JsonRequest, JsonResponse, Surface } from "./types.ts";

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Buffer.isBuffer(value) &&
    typeof (value as { pipe?: unknown }).pipe !== "function"
  );
}

/** Removes RFC 9207 `iss` from redirect responses for vendors that never send it. */
function stripIss(ctx: KoaContextWithOIDC, issuer: string): void {
  const location = ctx.response.get("Location");
  if (!location || ctx.status < 300 || ctx.status >= 400) return;
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return;
  }
  let changed = false;
  if (url.searchParams.get("iss") === issuer) {
    url.searchParams.delete("iss");
    changed = true;
  }
  if (url.hash.length > 1) {
    const fragment = new URLSearchParams(url.hash.slice(1));
    if (fragment.get("iss") === issuer) {
      fragment.delete("iss");
      url.hash = fragment.toString();
      changed = true;
    }
  }
  if (changed) ctx.set("Location", url.href);
}

/** Lets a surface add to oidc-provider's redirects (e.g. WSO2's `session_state`) or answer them otherwise. */
function shapeRedirect(ctx: KoaContextWithOIDC, surface: Surface, route: string): void {
  const location = ctx.response.get("Location");
  if (!surface.shapeRedirect || !location || ctx.status < 300 || ctx.status >= 400) return;
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return;
  }
  const shaped = surface.shapeRedirect(url, {
    route,
    clientId: ctx.oidc.client?.clientId,
    sessionUid: ctx.oidc.entities.Session?.uid,
  });
  if (shaped instanceof URL) return void ctx.set("Location", shaped.href);
  ctx.status = shaped.status;
  if ("location" in shaped) return void ctx.set("Location", shaped.location.href);
  ctx.remove("Location");
  ctx.body = shaped.json;
}

/**
 * Re-signs an ID token with the vendor's header (WSO2: `{x5t, kid, alg}`); oidc-provider only writes
 * `alg` and `kid`. The payload bytes stay exactly as issued.
 */
async function withX5tHeader(idToken: string, key: JWK): Promise<string> {
  const payload = idToken.split(".")[1] ?? "";
  const alg = key.alg ?? "RS256";
  const header = { x5t: wso2Thumbprint(key.x5c?.[0] ?? ""), kid: key.kid, alg };
  return new CompactSign(Buffer.from(payload, "base64url"))
    .setProtectedHeader(header)
    .sign(await importJWK(key, alg));
}

// Browser-facing routes: errors are pages even when the client did not ask for HTML.
const FRONT_CHANNEL = new Set([
  "authorization",
  "resume",
  "end_session",
  "end_session_confirm",
  "end_session_success",
]);

/** Renders an oidc-provider error as the vendor's HTML error page (never a stack trace). */
export function writeErrorPage(
  ctx: KoaContextWithOIDC,
  surface: Surface,
  out: { error?: unknown; error_description?: unknown },
): void {
  const view = {
    status: ctx.status,
    error: String(out.error ?? "server_error"),
    description: String(out.error_description ?? ""),
    route: ctx.oidc?.route ?? "unknown",
  };
  const shaped = surface.describeError?.(view) ?? view;
  ctx.status = shaped.status;
  ctx.type = "html";
  ctx.body = surface.pages.error(shaped);
}

function discoveryClaims(surface: Surface): string[] {
  return [...new Set(surface.scopes.flatMap((scope) => scope.claims))];
}

/** oidc-provider's discovery without the claims only the extra-claims control added. */
function withoutHidden(doc: Record<string, unknown>, hidden: ReadonlySet<string>) {
  if (!hidden.size || !Array.isArray(doc.claims_supported)) return doc;
  return { ...doc, claims_supported: doc.claims_supported.filter((name) => !hidden.has(name)) };
}

function jsonRequest(ctx: KoaContextWithOIDC): JsonRequest {
  const grantType = ctx.oidc?.params?.grant_type;
  return { grantType: typeof grantType === "string" ? grantType : undefined };
}

/**
 * Post-processes oidc-provider's responses into the vendor's shapes, headers and bytes; `hidden`
 * claims (test-only extra claims) stay out of discovery.
 */
export function applyResponseShaping(
  surface: Surface,
  issuer: string,
  keys: PersistedKeys,
  hidden: ReadonlySet<string> = new Set(),
): Middleware {
  const signingKey = keys.signingKeys[0];
  return async (ctx, next) => {
    await next();
    const route = ctx.oidc?.route;
    if (!route) return;

    if (route === "discovery" && ctx.status === 200 && isPlainObject(ctx.body)) {
      ctx.body = surface.discovery(withoutHidden(ctx.body, hidden), {
        issuer,
        scopes: surface.scopes,
        claims: discoveryClaims(surface),
      });
    }
    if (route === "jwks" && ctx.status === 200 && surface.jwks && isPlainObject(ctx.body)) {
      ctx.body = surface.jwks(ctx.body as { keys: Record<string, unknown>[] });
    }
    if (!surface.authorizationResponseIss) stripIss(ctx, issuer);
    shapeRedirect(ctx, surface, route);
    if (
      surface.signing.kid === "x5t" &&
      signingKey &&
      isPlainObject(ctx.body) &&
      typeof ctx.body.id_token === "string"
    ) {
      ctx.body.id_token = await withX5tHeader(ctx.body.id_token, signingKey);
    }
    if (FRONT_CHANNEL.has(route) && ctx.status >= 400 && isPlainObject(ctx.body)) {
      writeErrorPage(ctx, surface, ctx.body);
    }

    if (isPlainObject(ctx.body)) {
      let response: JsonResponse = { status: ctx.status, body: ctx.body, headers: {} };
      if (surface.rewriteJson) response = surface.rewriteJson(route, response, jsonRequest(ctx));
      ctx.status = response.status;
      ctx.body = surface.serializeJson ? surface.serializeJson(response.body) : response.body;
      for (const [name, value] of Object.entries(response.headers)) ctx.set(name, value);
    }
    for (const [name, value] of Object.entries(surface.responseHeaders?.[route] ?? {})) {
      ctx.set(name, value);
    }
  };
}
