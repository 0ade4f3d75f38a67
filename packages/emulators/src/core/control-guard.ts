import type { IncomingMessage } from "node:http";
import { isLoopback } from "./http-utils.ts";

export interface ControlRefusal {
  status: 403 | 415;
  error: string;
}

// Names that only ever resolve to this machine; a rebound attacker domain is none of them.
const loopbackHost =
  /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)*\.localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/**
 * Why a test-control request must be refused, or null. Loopback is not enough, because a browser on
 * this machine is loopback too: any web page could POST `reset` or `/stop` (a simple request needs no
 * preflight), and DNS rebinding could read `/status`. So the `Host` must be a loopback name, browser
 * requests from a page (an `Origin`, or `Sec-Fetch-Site` other than a typed URL) are refused, and
 * every write must be JSON, which no page can send cross-origin without a preflight we never answer.
 */
export function controlRefusal(req: IncomingMessage): ControlRefusal | null {
  if (!isLoopback(req)) return { status: 403, error: "control routes answer loopback only" };
  if (!loopbackHost.test(req.headers.host ?? "")) {
    return {
      status: 403,
      error: "control routes answer a loopback Host only (localhost, 127.0.0.1, [::1])",
    };
  }
  const site = req.headers["sec-fetch-site"];
  if (req.headers.origin !== undefined || (site !== undefined && site !== "none")) {
    return { status: 403, error: "control routes refuse requests from web pages" };
  }
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD" && !isJson(req.headers["content-type"])) {
    return { status: 415, error: "control routes take Content-Type: application/json" };
  }
  return null;
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}
