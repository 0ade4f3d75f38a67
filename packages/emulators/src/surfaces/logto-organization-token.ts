import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { importJWK, type JWK, SignJWT } from "jose";
import { readForm, sendJson } from "../core/http-utils.ts";
import type { ExtraRoute, ExtraRouteContext } from "../core/types.ts";
import { clientsOf, users } from "../fixtures.ts";
import {
  logtoProfile,
  ORGANIZATIONS_SCOPE,
  organizationAudience,
  organizationScopes,
} from "./logto-data.ts";

const TOKEN_PATH = "/oidc/token";

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// client_secret_basic (form-urlencoded parts, RFC 6749 §2.3.1) or client_secret_post; the id of
// the registered Logto application that authenticated, if any.
function authenticatedClientId(req: IncomingMessage, form: URLSearchParams): string | undefined {
  const header = req.headers.authorization ?? "";
  let id = form.get("client_id") ?? "";
  let secret = form.get("client_secret") ?? "";
  if (header.startsWith("Basic ")) {
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const decode = (value: string) => decodeURIComponent(value.replaceAll("+", " "));
    id = decode(decoded.slice(0, colon));
    secret = decode(decoded.slice(colon + 1));
  }
  return clientsOf("logto").find(
    (client) => same(id, client.clientId) && same(secret, client.clientSecret),
  )?.clientId;
}

function oauthError(res: ServerResponse, status: number, error: string, description: string) {
  sendJson(res, status, { error, error_description: description });
}

async function issueOrganizationToken(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ExtraRouteContext,
  form: URLSearchParams,
) {
  const clientId = authenticatedClientId(req, form);
  if (!clientId) {
    return oauthError(res, 401, "invalid_client", "client authentication failed");
  }
  const refreshToken = await ctx.provider.RefreshToken.find(form.get("refresh_token") ?? "");
  // A refresh token works only for the application it was issued to (RFC 6749 §6).
  if (
    !refreshToken ||
    refreshToken.isExpired ||
    refreshToken.consumed ||
    refreshToken.clientId !== clientId
  ) {
    return oauthError(res, 400, "invalid_grant", "grant request is invalid");
  }
  const scopes = new Set(String(refreshToken.scope ?? "").split(" "));
  // Logto's handleOrganizationToken: the refresh token must carry the organizations scope.
  if (!scopes.has(ORGANIZATIONS_SCOPE)) {
    return oauthError(res, 403, "insufficient_scope", `refresh token missing required scope`);
  }
  const user = users.find((candidate) => logtoProfile(candidate).id === refreshToken.accountId);
  const organizationId = form.get("organization_id") ?? "";
  const granted = user ? organizationScopes(user, organizationId) : null;
  if (!user || !granted) {
    return oauthError(res, 403, "access_denied", "user is not a member of the organization");
  }
  const requested = form.get("scope")?.split(" ").filter(Boolean);
  const scope = requested ? granted.filter((item) => requested.includes(item)) : granted;
  const key = ctx.signingKeys[0] as JWK;
  const alg = key.alg ?? "ES384";
  const now = Math.floor(Date.now() / 1000);
  // Logto's access token TTL (3600 s), or the token-lifetimes control's.
  const ttl = ctx.accessTokenSeconds();
  const accessToken = await new SignJWT({
    jti: randomBytes(16).toString("base64url"),
    sub: user && logtoProfile(user).id,
    iat: now,
    exp: now + ttl,
    scope: scope.join(" "),
    client_id: clientId,
    iss: ctx.issuer,
    aud: organizationAudience(organizationId),
  })
    .setProtectedHeader({ alg, typ: "at+jwt", kid: key.kid })
    .sign(await importJWK(key, alg));
  sendJson(res, 200, {
    access_token: accessToken,
    expires_in: ttl,
    scope: scope.join(" "),
    token_type: "Bearer",
  });
}

/** Logto's refresh_token grant with `organization_id` (grants/refresh-token.ts); the rest goes on. */
export const organizationTokenRoute: ExtraRoute = {
  method: "POST",
  path: TOKEN_PATH,
  async handle(req, res, ctx) {
    const form = await readForm(req);
    if (form.get("grant_type") === "refresh_token" && form.has("organization_id")) {
      return issueOrganizationToken(req, res, ctx, form);
    }
    return ctx.forward(req.url ?? TOKEN_PATH, { form: Object.fromEntries(form) });
  },
};
