import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { controlRefusal } from "./control-guard.ts";
import type { FaultInjector } from "./faults.ts";
import { readJson, sendJson } from "./http-utils.ts";
import { RESERVED_CLAIMS, type TokenLifetimes } from "./token-controls.ts";

export const CONTROL_PREFIX = "/__emulator/";

const failSchema = z.object({
  path: z.string().startsWith("/").optional(),
  status: z.number().int().min(400).max(599).default(503),
});

const hangSchema = z.object({ path: z.string().startsWith("/").optional() });

const seconds = z.number().int().positive();
const lifetimesSchema = z.strictObject({
  accessTokenSeconds: seconds.optional(),
  idTokenSeconds: seconds.optional(),
  refreshTokenSeconds: seconds.optional(),
});

const revokeSchema = z.strictObject({ sub: z.string().min(1).optional() });

const extraClaimsSchema = z.strictObject({
  claims: z
    .record(z.string().min(1), z.unknown())
    .refine((claims) => Object.keys(claims).every((name) => !RESERVED_CLAIMS.has(name)), {
      message: `claims may not set ${[...RESERVED_CLAIMS].join(", ")}`,
    }),
});

/** The token controls of an OpenID provider (the django-sso gateway issues no tokens). */
export interface TokenControlDeps {
  setLifetimes(lifetimes: Partial<TokenLifetimes>): TokenLifetimes;
  /** Destroys the live refresh tokens (of `sub` when given); returns how many. */
  revokeRefreshTokens(sub?: string): number;
}

export interface ControlDeps {
  idp: string;
  faults: FaultInjector;
  startedAt: number;
  describe(): { url: string; issuer: string };
  reset(): void;
  tokens?: TokenControlDeps;
  /** Extra claims for every user's sign-ins from now on (replacing earlier ones). */
  setExtraClaims?(claims: Record<string, unknown>): void;
}

async function parse<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(await readJson(req));
}

/** Test-only controls, served on the emulator's own origin, for loopback callers that are not web pages. */
export async function handleControl(
  deps: ControlDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) {
  const refusal = controlRefusal(req);
  if (refusal) return sendJson(res, refusal.status, { error: refusal.error });
  const route = `${req.method} ${path.slice(CONTROL_PREFIX.length).replace(/\/$/, "")}`;
  try {
    switch (route) {
      case "GET health":
        return sendJson(res, 200, {
          ok: true,
          idp: deps.idp,
          ...deps.describe(),
          pid: process.pid,
          uptimeMs: Date.now() - deps.startedAt,
          pendingFaults: deps.faults.pending,
          heldRequests: deps.faults.held,
        });
      case "POST reset":
        deps.reset();
        return sendJson(res, 200, { ok: true });
      case "POST fail-next": {
        const { path: prefix, status } = await parse(req, failSchema);
        deps.faults.add({ kind: "fail", path: prefix, status });
        return sendJson(res, 200, { ok: true, pending: deps.faults.pending });
      }
      case "POST hang-next": {
        const { path: prefix } = await parse(req, hangSchema);
        deps.faults.add({ kind: "hang", path: prefix });
        return sendJson(res, 200, { ok: true, pending: deps.faults.pending });
      }
      default:
        if (await identityControl(deps, req, res, route)) return;
        return sendJson(res, 404, { error: `unknown control route: ${req.method} ${path}` });
    }
  } catch (error) {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
    return sendJson(res, 400, { error: message });
  }
}

function unsupported(res: ServerResponse, idp: string, route: string) {
  sendJson(res, 404, { error: `${idp} has no ${route} control: it issues no tokens` });
}

/** The token and claims controls; false when `route` is none of them. */
async function identityControl(
  deps: ControlDeps,
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
): Promise<boolean> {
  switch (route) {
    case "POST token-lifetimes": {
      const lifetimes = await parse(req, lifetimesSchema);
      if (deps.tokens) {
        sendJson(res, 200, { ok: true, lifetimes: deps.tokens.setLifetimes(lifetimes) });
      } else unsupported(res, deps.idp, "token-lifetimes");
      return true;
    }
    case "POST revoke-refresh-tokens": {
      const { sub } = await parse(req, revokeSchema);
      if (deps.tokens) {
        sendJson(res, 200, { ok: true, revoked: deps.tokens.revokeRefreshTokens(sub) });
      } else unsupported(res, deps.idp, "revoke-refresh-tokens");
      return true;
    }
    case "POST extra-claims": {
      const { claims } = await parse(req, extraClaimsSchema);
      if (deps.setExtraClaims) {
        deps.setExtraClaims(claims);
        sendJson(res, 200, { ok: true, claims: Object.keys(claims) });
      } else unsupported(res, deps.idp, "extra-claims");
      return true;
    }
    default:
      return false;
  }
}
