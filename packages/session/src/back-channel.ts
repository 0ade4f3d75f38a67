import { secretsEqual } from "./secret-compare.ts";

/**
 * A route an IdP calls server to server (django-sso's `sso/event/`): POST, JSON, a bounded body,
 * the shared secret compared in constant time, only known event types. Everything else is refused
 * with a JSON error before the event is looked at.
 */
export interface BackChannelRouteOptions<Event> {
  /** The secret the IdP must present (django-sso: the service token). Server only. */
  secret: string;
  /** Where the presented secret is in the parsed body (django-sso: `token`). */
  presentedSecret(body: Record<string, unknown>): unknown;
  /** Validates the event; anything it does not know is refused. */
  parse(body: Record<string, unknown>): { success: true; data: Event } | { success: false };
  handle(event: Event): Promise<void>;
  /** Larger bodies are refused (default 16 KiB). */
  maxBodyBytes?: number;
  /** Names the route in logs. */
  name?: string;
}

const noStore = { "cache-control": "no-store" };
const refuse = (status: number, error: string, headers: Record<string, string> = {}) =>
  Response.json({ error }, { status, headers: { ...noStore, ...headers } });

class BodyTooLarge extends Error {}

async function readBounded(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) throw new BodyTooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function createBackChannelRoute<Event>(options: BackChannelRouteOptions<Event>) {
  const max = options.maxBodyBytes ?? 16 * 1024;
  const name = options.name ?? "back-channel";
  if (!options.secret) throw new Error(`${name}: the shared secret is not set.`);

  return async function backChannelRoute(request: Request): Promise<Response> {
    if (request.method !== "POST") return refuse(405, "method not allowed", { allow: "POST" });
    const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") return refuse(415, "expected application/json");

    let body: unknown;
    try {
      body = JSON.parse(await readBounded(request, max));
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuse(413, `body larger than ${max} bytes`);
      return refuse(400, "malformed JSON");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return refuse(400, "expected a JSON object");
    }
    const record = body as Record<string, unknown>;
    const presented = options.presentedSecret(record);
    if (typeof presented !== "string" || presented === "") return refuse(401, "token missing");
    if (!secretsEqual(presented, options.secret)) {
      console.warn(`[auth] ${name}: refused an event with a wrong token`);
      return refuse(403, "token incorrect");
    }

    const event = options.parse(record);
    if (!event.success) return refuse(400, "unknown or malformed event");
    try {
      await options.handle(event.data);
    } catch (error) {
      console.error(`[auth] ${name}: could not process an event:`, error);
      return refuse(500, "the event could not be processed");
    }
    return Response.json({ ok: true }, { headers: noStore });
  };
}
