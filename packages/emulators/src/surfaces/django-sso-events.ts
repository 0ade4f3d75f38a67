import { pythonJson } from "../core/python-json.ts";
import type { SsoService } from "../fixtures.ts";

/** What the gateway did with one event; failures are logged, never fatal (django-sso 3.x). */
export interface EventDelivery {
  service: string;
  type: string;
  ok: boolean;
  /** Why it failed: a network error, a status, or the service's `{"error": …}`. */
  error?: string;
}

/**
 * `Service._send_event`: POSTs `{"type", "token", …data}` as JSON to `{base_url}/sso/event/` with a
 * short timeout; anything but HTTP 200 with `{"ok": true}` is a failure.
 */
export async function sendEvent(
  service: SsoService,
  type: string,
  data: Record<string, unknown>,
  timeoutMs: number,
): Promise<EventDelivery> {
  const result = (ok: boolean, error?: string): EventDelivery => {
    if (!ok) {
      console.error(
        `[django-sso] Failed to communicate with subordinated service ${service.base_url} (${type}): ${error}`,
      );
    }
    return { service: service.name, type, ok, ...(error ? { error } : {}) };
  };
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${service.base_url.replace(/\/$/, "")}/sso/event/`, {
      method: "POST",
      // requests.post(json=…) serialises with Python's default separators.
      body: pythonJson({ type, token: service.token, ...data }),
      headers: { "Content-Type": "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return result(false, cause ?? (error as Error).message);
  }
  if (response.status !== 200) return result(false, `STATUS=${response.status}`);
  try {
    const body = JSON.parse(text) as { ok?: unknown; error?: unknown };
    if (body.ok) return result(true);
    return result(false, typeof body.error === "string" ? body.error : text.slice(0, 200));
  } catch {
    return result(false, `not JSON: ${text.slice(0, 100)}`);
  }
}

/** `Service.cast_event_to_all_services`, one service after the other, skipping disabled ones. */
export async function fanOut(
  services: readonly SsoService[],
  type: string,
  data: Record<string, unknown>,
  timeoutMs: number,
): Promise<EventDelivery[]> {
  const deliveries: EventDelivery[] = [];
  for (const service of services) {
    if (!service.enabled) continue;
    deliveries.push(await sendEvent(service, type, data, timeoutMs));
  }
  return deliveries;
}
