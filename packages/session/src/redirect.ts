// Control characters and backslashes let browsers reinterpret a "path" as another origin.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const unsafeCharacters = /[\u0000-\u001f\u007f\\]/;

/**
 * Returns `target` as a path on `appOrigin` (pathname, query and hash), or `fallback` when it is
 * missing, malformed, or points anywhere else. Use for every callback/next/redirect parameter.
 */
export function safeRedirectPath(
  target: string | null | undefined,
  appOrigin: string,
  fallback = "/",
): string {
  if (!target || unsafeCharacters.test(target)) return fallback;
  const origin = new URL(appOrigin).origin;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Same as `safeRedirectPath`, as an absolute URL on the app's origin (what Auth.js callbacks return). */
export function safeRedirectUrl(
  target: string | null | undefined,
  appOrigin: string,
  fallback = "/",
): string {
  return new URL(safeRedirectPath(target, appOrigin, fallback), appOrigin).href;
}
