/** Origin and path of a URL: the query string and userinfo may carry tokens, so they never leave. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Parses an absolute http(s) URL without echoing the input, which may contain secrets. */
export function parseHttpUrl(input: string | URL, label: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new TypeError(`${label} must be an absolute http(s) URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`${label} must use http or https, not ${url.protocol}`);
  }
  return url;
}
