import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { readForm, redirect, sendHtml, sendJson } from "../core/http-utils.ts";
import type { ExtraRoute, ExtraRouteContext } from "../core/types.ts";
import { apiError, readBody } from "./beyond-identity-http.ts";
import { bindLinkErrorPage, OUTBOX_SUBJECT, outboxPage } from "./beyond-identity-pages.ts";
import type { BeyondIdentityStore, BindingJob, Identity } from "./beyond-identity-store.ts";
import {
  invokeUrlFor,
  MANAGEMENT_APPLICATION_PATH,
  REALM_PATH,
  tenant,
} from "./beyond-identity-tenant.ts";
import {
  MANAGEMENT_TOKEN_TTL,
  signManagementToken,
  verifyManagementToken,
} from "./beyond-identity-tokens.ts";

/**
 * The Management API (api-{us|eu}.beyondidentity.com on a real tenant, here on the emulator's origin):
 * the Management API application's client-credentials token, identities, credential-binding jobs and
 * the binding link, plus `/outbox`, the emulator's stand-in for the emails of EMAIL jobs.
 */

export const MANAGEMENT_TOKEN_PATH = `${MANAGEMENT_APPLICATION_PATH}/token`;
export const OUTBOX_PATH = "/outbox";
/** What the Management API application may be granted; all of them when `scope` is omitted. */
export const MANAGEMENT_SCOPES = [
  "identities:create",
  "identities:read",
  "credential-binding-jobs:create",
] as const;
type ManagementScope = (typeof MANAGEMENT_SCOPES)[number];

const REALM = "/v1/tenants/([^/]+)/realms/([^/]+)";
const IDENTITIES = new RegExp(`^${REALM}/identities$`);
const IDENTITY = new RegExp(`^${REALM}/identities/([^/:]+)$`);
const JOBS = new RegExp(`^${REALM}/identities/([^/:]+)/credential-binding-jobs$`);
const INVOKE = new RegExp(
  `^${REALM}/identities/([^/:]+)/credential-binding-jobs/([^/:]+):invokeAuthenticator$`,
);
const ANY_IDENTITY_PATH = new RegExp(`^${REALM}/identities(/.*)?$`);
// `traits.username eq "alice"` (SCIM-style filter, as the Management API takes it).
const FILTER = /^\s*traits\.(username|primary_email_address)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/;

const createIdentityBody = z.object({
  identity: z.object({
    display_name: z.string().trim().min(1).max(256),
    traits: z.object({
      type: z.literal("traits_v0"),
      username: z.string().trim().min(1).max(256),
      primary_email_address: z.email().optional(),
    }),
  }),
});

const createJobBody = z.object({
  job: z.object({
    delivery_method: z.enum(["RETURN", "EMAIL"]),
    authenticator_config_id: z.string().min(1),
    post_binding_redirect_uri: z.url({ protocol: /^https?$/ }).optional(),
  }),
});

const digest = (value: string) => createHash("sha256").update(value).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** client_secret_basic (RFC 6749 §2.3.1: each part form-urlencoded) against the Management API app. */
function managementClient(req: IncomingMessage): boolean {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("Basic ")) return false;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value.replaceAll("+", " "));
    } catch {
      return value;
    }
  };
  const { clientId, clientSecret } = tenant.management;
  return (
    sameSecret(decode(decoded.slice(0, colon)), clientId) &&
    sameSecret(decode(decoded.slice(colon + 1)), clientSecret)
  );
}

const managementToken: ExtraRoute = {
  method: "POST",
  path: MANAGEMENT_TOKEN_PATH,
  async handle(req, res, ctx) {
    const form = await readForm(req);
    if (!managementClient(req)) {
      res.setHeader("WWW-Authenticate", 'Basic realm="beyondidentity"');
      return sendJson(res, 401, {
        error: "invalid_client",
        error_description: "client authentication failed",
      });
    }
    if (form.get("grant_type") !== "client_credentials") {
      return sendJson(res, 400, {
        error: "unsupported_grant_type",
        error_description: "only client_credentials is allowed for this application",
      });
    }
    const requested = (form.get("scope") ?? "").split(" ").filter(Boolean);
    const unknown = requested.filter(
      (scope) => !(MANAGEMENT_SCOPES as readonly string[]).includes(scope),
    );
    if (unknown.length) {
      return sendJson(res, 400, {
        error: "invalid_scope",
        error_description: `scope not allowed: ${unknown.join(" ")}`,
      });
    }
    const scope = (requested.length ? requested : MANAGEMENT_SCOPES).join(" ");
    sendJson(res, 200, {
      access_token: await signManagementToken(ctx, scope),
      token_type: "Bearer",
      expires_in: MANAGEMENT_TOKEN_TTL,
      scope,
    });
  },
};

/** Checks the Bearer token and its scope; answers the refusal itself and returns false. */
async function authorized(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ExtraRouteContext,
  scope: ManagementScope,
): Promise<boolean> {
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  const verified = token ? await verifyManagementToken(ctx, token) : undefined;
  if (!verified?.ok) {
    res.setHeader("WWW-Authenticate", 'Bearer realm="beyondidentity"');
    apiError(res, 401, "unauthenticated", "A valid Management API access token is required.");
    return false;
  }
  if (
    !String(verified.claims.scope ?? "")
      .split(" ")
      .includes(scope)
  ) {
    apiError(res, 403, "permission_denied", `The access token lacks the scope ${scope}.`);
    return false;
  }
  return true;
}

/** The realm the path names, if it is this tenant's; answers 404 itself otherwise. */
function inRealm(ctx: ExtraRouteContext, res: ServerResponse): boolean {
  const [, tenantId, realmId] = ctx.match ?? [];
  if (tenantId === tenant.tenantId && realmId === tenant.realmId) return true;
  apiError(res, 404, "not_found", "No such tenant or realm.");
  return false;
}

function bindingLink(origin: string, job: BindingJob, token: string): string {
  const path = `${REALM_PATH}/identities/${job.identity_id}/credential-binding-jobs/${job.id}:invokeAuthenticator`;
  return `${origin}${path}?${new URLSearchParams({ token })}`;
}

export function managementRoutes(store: BeyondIdentityStore): ExtraRoute[] {
  /** The identity the path names; answers 404 itself when there is none. */
  function identityOf(ctx: ExtraRouteContext, res: ServerResponse): Identity | undefined {
    const identity = store.findIdentity(ctx.match?.[3] ?? "");
    if (!identity) apiError(res, 404, "not_found", "No such identity.");
    return identity;
  }

  const createIdentity: ExtraRoute = {
    method: "POST",
    path: IDENTITIES,
    async handle(req, res, ctx) {
      if (!inRealm(ctx, res) || !(await authorized(req, res, ctx, "identities:create"))) return;
      const body = await readBody(req, createIdentityBody);
      if (!body.ok) return apiError(res, 400, "invalid_argument", body.message);
      const { display_name, traits } = body.data.identity;
      const identity = store.createIdentity(display_name, traits);
      if (!identity) {
        return apiError(
          res,
          409,
          "already_exists",
          "An identity with this username or email address already exists.",
        );
      }
      sendJson(res, 200, identity);
    },
  };

  const listIdentities: ExtraRoute = {
    method: "GET",
    path: IDENTITIES,
    async handle(req, res, ctx) {
      if (!inRealm(ctx, res) || !(await authorized(req, res, ctx, "identities:read"))) return;
      const filter = new URL(req.url ?? "/", ctx.origin).searchParams.get("filter");
      let identities = store.listIdentities();
      if (filter) {
        const match = FILTER.exec(filter);
        if (!match) {
          return apiError(
            res,
            400,
            "invalid_argument",
            'Unsupported filter; use traits.username eq "…" or traits.primary_email_address eq "…".',
          );
        }
        const trait = match[1] as "username" | "primary_email_address";
        const value = (match[2] ?? "").replace(/\\(.)/g, "$1");
        identities = store.listIdentities({ trait, value });
      }
      sendJson(res, 200, { identities, total_size: identities.length });
    },
  };

  const getIdentity: ExtraRoute = {
    method: "GET",
    path: IDENTITY,
    async handle(req, res, ctx) {
      if (!inRealm(ctx, res) || !(await authorized(req, res, ctx, "identities:read"))) return;
      const identity = identityOf(ctx, res);
      if (identity) sendJson(res, 200, identity);
    },
  };

  const createJob: ExtraRoute = {
    method: "POST",
    path: JOBS,
    async handle(req, res, ctx) {
      if (!inRealm(ctx, res)) return;
      if (!(await authorized(req, res, ctx, "credential-binding-jobs:create"))) return;
      const identity = identityOf(ctx, res);
      if (!identity) return;
      const body = await readBody(req, createJobBody);
      if (!body.ok) return apiError(res, 400, "invalid_argument", body.message);
      const input = body.data.job;
      if (input.authenticator_config_id !== tenant.authenticatorConfigId) {
        return apiError(res, 400, "invalid_argument", "Unknown authenticator_config_id.");
      }
      const email = identity.traits.primary_email_address;
      if (input.delivery_method === "EMAIL" && !email) {
        return apiError(res, 400, "invalid_argument", "The identity has no email address.");
      }
      const { job, token } = store.createJob(identity, input);
      const link = bindingLink(ctx.origin, job, token);
      if (input.delivery_method === "EMAIL" && email) {
        store.send({ to: email, subject: OUTBOX_SUBJECT, time: job.create_time, link });
        return sendJson(res, 200, { credential_binding_job: job });
      }
      sendJson(res, 200, { credential_binding_job: job, credential_binding_link: link });
    },
  };

  const invokeAuthenticator: ExtraRoute = {
    method: "GET",
    path: INVOKE,
    handle(req, res, ctx) {
      const [, tenantId, realmId, identityId = "", jobId = ""] = ctx.match ?? [];
      const token = new URL(req.url ?? "/", ctx.origin).searchParams.get("token") ?? "";
      const check =
        tenantId === tenant.tenantId && realmId === tenant.realmId
          ? store.checkBinding(identityId, jobId, token)
          : ({ ok: false, reason: "not_found" } as const);
      if (!check.ok) {
        const gone = check.reason === "expired" || check.reason === "used";
        const description = {
          not_found: "The link is not valid: there is no such credential binding job.",
          invalid_token: "The link is not valid: there is no such credential binding job.",
          expired: "The link has expired.",
          used: "The link was already used to bind a passkey.",
        }[check.reason];
        return sendHtml(res, gone ? 410 : 404, bindLinkErrorPage(description));
      }
      const { job } = check;
      const query = new URLSearchParams({
        api_base_url: ctx.origin,
        tenant_id: job.tenant_id,
        realm_id: job.realm_id,
        identity_id: job.identity_id,
        job_id: job.id,
        token,
      });
      redirect(res, 302, `${invokeUrlFor(job.post_binding_redirect_uri)}/bind?${query}`);
    },
  };

  const outbox: ExtraRoute = {
    method: "GET",
    path: OUTBOX_PATH,
    handle(req, res, ctx) {
      const to = new URL(req.url ?? "/", ctx.origin).searchParams.get("to")?.trim() || undefined;
      sendHtml(res, 200, outboxPage(store.outbox(to), to));
    },
  };

  // Anything else under identities: JSON, not the HTML 404 page.
  const unmatched: ExtraRoute = {
    method: "*",
    path: ANY_IDENTITY_PATH,
    handle(_req, res) {
      apiError(res, 404, "not_found", "No such resource or method.");
    },
  };

  return [
    managementToken,
    createIdentity,
    listIdentities,
    getIdentity,
    createJob,
    invokeAuthenticator,
    outbox,
    unmatched,
  ];
}
