import { CookieJar } from "tough-cookie";

/** One request of a flow, for the per-hop breakdown (where the time goes). */
export interface Hop {
  label: string;
  status: number;
  ms: number;
}

export interface HttpResponse {
  url: string;
  status: number;
  /** Absolute redirect target of a 3xx. */
  location?: string;
  text: string;
}

export interface RequestOptions {
  /**
   * false: neither send the jar's cookies nor keep the answer's, as a page's `fetch(…, {credentials:
   * "omit"})` (the passkey client's calls to the IdP).
   */
  cookies?: boolean;
}

export interface HttpSession {
  readonly jar: CookieJar;
  readonly hops: Hop[];
  /** A form body (URLSearchParams, sent as a form), or a string sent with the caller's content-type. */
  request(
    method: "GET" | "POST",
    url: string,
    body?: URLSearchParams | string,
    headers?: Record<string, string>,
    options?: RequestOptions,
  ): Promise<HttpResponse>;
}

/** POSTs JSON as a page's script does (no cookies) and parses the answer; the answer's status stays the caller's to check. */
export async function postJson(
  session: HttpSession,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; text: string }> {
  const response = await session.request(
    "POST",
    url,
    JSON.stringify(body),
    { accept: "application/json", "content-type": "application/json", ...headers },
    { cookies: false },
  );
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text: response.text };
}

/**
 * A browser-like HTTP session: a cookie jar, no automatic redirects (the flow decides), and every
 * request timed with its body read, labelled by `describe` for the hop breakdown. `fetcher` is the
 * bench's fetch for the target (one that trusts an https IdP's development CA).
 */
export function createHttpSession(
  describe: (method: string, url: URL) => string,
  fetcher: typeof fetch = fetch,
): HttpSession {
  const jar = new CookieJar();
  const hops: Hop[] = [];
  return {
    jar,
    hops,
    async request(method, url, body, headers = {}, options = {}) {
      const withCookies = options.cookies !== false;
      const started = performance.now();
      const cookie = withCookies ? await jar.getCookieString(url) : "";
      const response = await fetcher(url, {
        method,
        redirect: "manual",
        headers: {
          accept: "text/html,application/json;q=0.9,*/*;q=0.8",
          ...(cookie ? { cookie } : {}),
          ...(body instanceof URLSearchParams
            ? { "content-type": "application/x-www-form-urlencoded" }
            : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: body.toString() } : {}),
      });
      const text = await response.text();
      if (withCookies) {
        for (const setCookie of response.headers.getSetCookie()) {
          await jar.setCookie(setCookie, url, { ignoreError: true });
        }
      }
      const location = response.headers.get("location");
      hops.push({
        label: describe(method, new URL(url)),
        status: response.status,
        ms: performance.now() - started,
      });
      return {
        url,
        status: response.status,
        ...(location ? { location: new URL(location, url).href } : {}),
        text,
      };
    },
  };
}

// 16+ URL-safe characters with a digit or a capital: an id, not a word like "openid-configuration".
function isRandomId(segment: string): boolean {
  return segment.length >= 16 && /^[\w-]+$/.test(segment) && /[\dA-Z]/.test(segment);
}

/** A stable label for a URL path: long random-looking segments (ids, uids) become ":id". */
export function pathTemplate(pathname: string): string {
  return pathname
    .split("/")
    .map((segment) => (isRandomId(segment) ? ":id" : segment))
    .join("/");
}
