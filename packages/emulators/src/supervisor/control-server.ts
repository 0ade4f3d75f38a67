import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { controlRefusal } from "../core/control-guard.ts";
import { sendJson } from "../core/http-utils.ts";
import { closeServers, listenOnHost } from "../core/listen.ts";
import type { Supervisor } from "./supervisor.ts";

async function route(supervisor: Supervisor, req: IncomingMessage, res: ServerResponse) {
  const refusal = controlRefusal(req);
  if (refusal) return sendJson(res, refusal.status, { error: refusal.error });
  const path = new URL(req.url ?? "/", "http://control").pathname.replace(/\/$/, "");
  switch (`${req.method} ${path}`) {
    case "GET /status":
      return sendJson(res, 200, supervisor.status());
    // A plain-http readiness probe, also for https IdPs (e.g. a test runner's web-server check).
    case "GET /ready":
      return sendJson(res, supervisor.ready ? 200 : 503, { ready: supervisor.ready });
    case "POST /stop":
      return sendJson(res, 200, await supervisor.stop());
    case "POST /start":
      return sendJson(res, 200, await supervisor.start());
    default:
      return sendJson(res, 404, { error: `unknown route: ${req.method} ${path}` });
  }
}

/** The supervisor's own HTTP API, so tests can stop and start the IdP process. */
export async function listenControl(supervisor: Supervisor, port: number, host?: string) {
  const { servers } = await listenOnHost(
    (req, res) => {
      route(supervisor, req, res).catch((error: unknown) => {
        sendJson(res, 500, { error: (error as Error).message });
      });
    },
    port,
    host,
  );
  return {
    close: (): Promise<void> => closeServers(servers as Server[]),
  };
}
