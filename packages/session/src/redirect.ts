// Control characters and backslashes let browsers reinterpret a "path" as another origin.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const unsafeCharacters = /[\u0000-\u001f\u007f\\]/;

// A result starting with two slashes is protocol-relative: `//evil.example` is another origin.
const protocolRelative = /^\/[/\\]/;

/**
 * Returns `target` as a path on `appOrigin` (pathname, query and hash), or `fallback` when it is
 * missing, malformed, or points anywhere else. Use for every callback/next/redirect parameter.
 * The result is checked again as a redirect target itself, so no input yields another origin
 * (dot segments and doubled slashes can normalize `/.//evil.example` into `//evil.example`).
 */
export function safeRedirectPath(
  target: string | null | undefined,
  appOrigin: string,
  fallback = "/",
): string {
  if (!target || unsafeCharacters.test(target)) return fallback;
  const origin = new URL(appOrigin).origin;
  const path = sameOriginPath(target, origin);
  return path !== null && sameOriginPath(path, origin) === path ? path : fallback;
}

/** Same as `safeRedirectPath`, as an absolute URL on the app's origin (what Auth.js callbacks return). */
export function safeRedirectUrl(
  target: string | null | undefined,
  appOrigin: string,
  fallback = "/",
): string {
  return new URL(safeRedirectPath(target, appOrigin, fallback), appOrigin).href;
}

function sameOriginPath(target: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || url.username || url.password) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return protocolRelative.test(path) ? null : path;
}
