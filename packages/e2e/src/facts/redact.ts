// Query parameters whose values say what a step does and carry no secret; every other value is hidden.
const PUBLIC_PARAMS = new Set([
  "app_id",
  "callbackUrl",
  "client_id",
  "code_challenge_method",
  "error",
  "error_description",
  "iss",
  "next",
  "post_logout_redirect_uri",
  "prompt",
  "redirect_uri",
  "resource",
  "response_mode",
  "response_type",
  "scope",
  "signed-out",
  "ui_locales",
]);

export const HIDDEN = "…";

// Path segments that look like generated ids (interaction uids, session keys), not route names.
const ID_SEGMENT = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{16,}$|^[0-9a-f-]{32,}$/i;

/**
 * The origin-relative form of `url` (path and query), with the values of codes, state, nonces and
 * other non-public parameters replaced by "…"; URLs inside public parameters are redacted the same way.
 */
export function redactUrl(url: string | URL): string {
  const parsed = new URL(url);
  const path = parsed.pathname
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? ":id" : segment))
    .join("/");
  const params = [...parsed.searchParams].map(([name, value]) => {
    const shown = PUBLIC_PARAMS.has(name) ? redactValue(value, parsed) : HIDDEN;
    return `${name}=${shown}`;
  });
  return params.length ? `${path}?${params.join("&")}` : path;
}

// A public value may itself be a URL with a query (Django's ?next=/o/authorize/?state=…).
function redactValue(value: string, base: URL): string {
  if (!/^(https?:\/\/|\/)/.test(value) || value.startsWith("//")) return value;
  const inner = new URL(value, base);
  const redacted = redactUrl(inner);
  return value.startsWith("/") ? redacted : `${inner.origin}${redacted}`;
}
