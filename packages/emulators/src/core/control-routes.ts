import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { FaultInjector } from "./faults.ts";
import { isLoopback, readJson, sendJson } from "./http-utils.ts";

export const CONTROL_PREFIX = "/__emulator/";

const failSchema = z.object({
  path: z.string().startsWith("/").optional(),
  status: z.number().int().min(400).max(599).default(503),
});

const hangSchema = z.object({ path: z.string().startsWith("/").optional() });

export interface ControlDeps {
  idp: string;
  faults: FaultInjector;
  startedAt: number;
  describe(): { url: string; issuer: string };
  reset(): void;
}

async function parse<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(await readJson(req));
}

/** Test-only controls, served on the emulator's own origin but answered for loopback callers only. */
export async function handleControl(
  deps: ControlDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) {
  if (!isLoopback(req)) return sendJson(res, 403, { error: "control routes answer loopback only" });
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
        return sendJson(res, 404, { error: `unknown control route: ${req.method} ${path}` });
    }
  } catch (error) {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
    return sendJson(res, 400, { error: message });
  }
}
