import type { z } from "zod";
import { describeUrl, parseHttpUrl } from "./describe-url.ts";
import {
  AbortedError,
  type ApiClientError,
  HttpStatusError,
  NetworkError,
  TimeoutError,
} from "./errors.ts";
import { parseJsonBody } from "./parse-json-body.ts";

export const DEFAULT_TIMEOUT_MS = 5000;

/** The part of fetch this package uses; globalThis.fetch and Next.js's patched fetch both fit. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Plain objects and arrays, sent as JSON. */
export type JsonBody = Record<string, unknown> | readonly unknown[];

export interface RequestJsonOptions<S extends z.ZodType> {
  /** Validates the parsed 2xx body; its output type is the result type. */
  schema: S;
  /** Defaults to GET, or POST when a body is given. */
  method?: string;
  headers?: HeadersInit;
  /** Plain objects and arrays are sent as JSON; other bodies (URLSearchParams, string…) as they are. */
  body?: BodyInit | JsonBody;
  /** Accept header, e.g. "application/scim+json"; defaults to application/json. */
  accept?: string;
  /** Budget for the whole exchange, headers and body; defaults to DEFAULT_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Caller cancellation (e.g. request.signal in a route handler), reported as AbortedError. */
  signal?: AbortSignal;
  /** Defaults to globalThis.fetch, read at call time so Next.js's patched fetch is used. */
  fetch?: FetchLike;
  /** "error" (default) turns any 3xx answer into an HttpStatusError; "follow" lets fetch follow. */
  redirect?: "error" | "follow";
}

/**
 * Sends one HTTP request and returns the JSON body validated by `options.schema`.
 * Every failure is an ApiClientError: NetworkError, TimeoutError, AbortedError,
 * HttpStatusError (non-2xx) or InvalidBodyError (not JSON, or the wrong shape).
 * Nothing is logged, and errors name only the URL's origin and path.
 */
export async function requestJson<S extends z.ZodType>(
  url: string | URL,
  options: RequestJsonOptions<S>,
): Promise<z.output<S>> {
  const target = parseHttpUrl(url, "requestJson url");
  const where = describeUrl(target);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError("requestJson timeoutMs must be a positive number of milliseconds.");
  }
  const { method, headers, body } = buildRequest(options);
  const timeoutSignal = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeoutSignal]) : timeoutSignal;
  const fail = (cause: unknown): ApiClientError => {
    if (!signal.aborted) return new NetworkError({ url: where, cause });
    // The combined signal keeps the reason of whichever source fired first.
    if (signal.reason === timeoutSignal.reason) {
      return new TimeoutError({ url: where, timeoutMs, cause });
    }
    return new AbortedError({ url: where, cause: signal.reason });
  };
  const fetchImpl = options.fetch ?? globalThis.fetch;

  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(target.href, {
      method,
      headers,
      body,
      signal,
      // IdP APIs answer directly: a redirect means a wrong URL or a login page, and following it
      // could replay the token or body elsewhere. "manual", not fetch's opaque "error", keeps the
      // status and Location so the HttpStatusError below can say where it pointed.
      redirect: options.redirect === "follow" ? "follow" : "manual",
      // Per-user answers must never land in a shared cache such as Next.js's data cache.
      cache: "no-store",
    });
    // The signal also covers the body, so a server that stalls mid-body times out too.
    text = await response.text();
  } catch (error) {
    throw fail(error);
  }

  if (!response.ok) {
    throw new HttpStatusError({
      url: where,
      status: response.status,
      statusText: response.statusText,
      bodyText: text,
      wwwAuthenticate: response.headers.get("www-authenticate"),
      location: describeLocation(response.headers.get("location"), target),
    });
  }
  return parseJsonBody(options.schema, {
    url: where,
    status: response.status,
    contentType: response.headers.get("content-type"),
    text,
  });
}

function buildRequest(options: RequestJsonOptions<z.ZodType>): {
  method: string;
  headers: Headers;
  body: BodyInit | undefined;
} {
  const method = (options.method ?? (options.body === undefined ? "GET" : "POST")).toUpperCase();
  if (options.body !== undefined && (method === "GET" || method === "HEAD")) {
    throw new TypeError(`requestJson cannot send a body with ${method}.`);
  }
  let headers: Headers;
  try {
    headers = new Headers(options.headers);
  } catch {
    // The runtime's message would quote the offending value, which may be a token.
    throw new TypeError("requestJson headers contain an invalid name or value.");
  }
  if (options.accept !== undefined || !headers.has("accept")) {
    headers.set("accept", options.accept ?? "application/json");
  }
  if (!isJsonBody(options.body)) return { method, headers, body: options.body };
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return { method, headers, body: JSON.stringify(options.body) };
}

function isJsonBody(body: RequestJsonOptions<z.ZodType>["body"]): body is JsonBody {
  if (Array.isArray(body)) return true;
  if (typeof body !== "object" || body === null) return false;
  const prototype: unknown = Object.getPrototypeOf(body);
  return prototype === Object.prototype || prototype === null;
}

function describeLocation(location: string | null, base: URL): string | undefined {
  if (!location) return undefined;
  try {
    return describeUrl(new URL(location, base));
  } catch {
    return undefined;
  }
}
