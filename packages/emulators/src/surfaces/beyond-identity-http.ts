import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { readJson, sendJson } from "../core/http-utils.ts";
import type { ExtraRoute, ExtraRouteContext } from "../core/types.ts";
import { appOrigins } from "./beyond-identity-tenant.ts";

/** JSON bodies validated with zod, the two error shapes, and CORS for the app's own origins. */

export type BodyResult<T> = { ok: true; data: T } | { ok: false; message: string };

/** Reads a JSON body and validates it; a body that is not JSON is a validation failure too. */
export async function readBody<T>(
  req: IncomingMessage,
  schema: z.ZodType<T>,
): Promise<BodyResult<T>> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return {
      ok: false,
      message: "The request body must be JSON (Content-Type: application/json).",
    };
  }
  let json: unknown;
  try {
    json = await readJson(req);
  } catch (error) {
    return {
      ok: false,
      message: `The request body is not valid JSON: ${(error as Error).message}`,
    };
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, message: z.prettifyError(parsed.error) };
}

/** The local passkey protocol's errors: OAuth-style `{error, error_description}`. */
export function passkeyError(
  res: ServerResponse,
  status: 400 | 401 | 404 | 405 | 410,
  error: string,
  description: string,
): void {
  sendJson(res, status, { error, error_description: description });
}

/** The Management API's errors: `{code, message}` (gRPC-style codes, as in `already_exists`). */
export function apiError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { code, message });
}

/**
 * CORS for the browser-facing passkey routes: the request's Origin is echoed only when it is one of
 * the app's origins (never `*`, no credentials). Returns whether the origin was allowed.
 */
export function allowOrigin(req: IncomingMessage, res: ServerResponse): boolean {
  res.setHeader("Vary", "Origin");
  const origin = req.headers.origin;
  if (!origin || !appOrigins().includes(origin)) return false;
  res.setHeader("Access-Control-Allow-Origin", origin);
  return true;
}

type PostHandler = ExtraRoute["handle"];

/** A POST route the app's page calls cross-origin: preflight answered, CORS on every answer. */
export function corsPostRoute(path: RegExp | string, handle: PostHandler): ExtraRoute {
  return {
    method: "*",
    path,
    handle(req: IncomingMessage, res: ServerResponse, ctx: ExtraRouteContext) {
      const allowed = allowOrigin(req, res);
      if (req.method === "OPTIONS") {
        if (allowed) {
          res.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
          res.setHeader("Access-Control-Allow-Headers", "Content-Type, Accept");
          res.setHeader("Access-Control-Max-Age", "600");
        }
        res.writeHead(204, { "Content-Length": 0 });
        return void res.end();
      }
      if (req.method !== "POST") {
        res.setHeader("Allow", "POST, OPTIONS");
        return passkeyError(res, 405, "invalid_request", "Only POST is allowed here.");
      }
      return handle(req, res, ctx);
    },
  };
}
