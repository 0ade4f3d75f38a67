import type { z } from "zod";
import { type AuthChallenge, parseWwwAuthenticate } from "./www-authenticate.ts";

export type ApiClientErrorKind =
  | "network"
  | "timeout"
  | "aborted"
  | "http"
  | "invalid-body"
  // The server answered, but with an error body it documents as a refusal (django-sso's {"error": …}).
  | "refused";

/** Bodies kept on errors are capped so a large HTML error page cannot bloat logs. */
export const MAX_BODY_TEXT_LENGTH = 1024;

// Symbol.for survives duplicate copies of this package in one process, where instanceof does not.
const brand: unique symbol = Symbol.for("@idp-gallery/api-client/error");

interface ErrorInit {
  /** Origin and path only; see describeUrl. */
  url: string;
  cause?: unknown;
}

/** Base class of every error thrown by this package for a request that did not yield valid data. */
export class ApiClientError extends Error {
  override name = "ApiClientError";
  readonly kind: ApiClientErrorKind;
  /** Origin and path of the request: never the query string, which may carry tokens. */
  readonly url: string;

  constructor(kind: ApiClientErrorKind, message: string, init: ErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.url = init.url;
  }

  get [brand](): true {
    return true;
  }
}

/** DNS failure, connection refused or reset: no HTTP response arrived. */
export class NetworkError extends ApiClientError {
  override name = "NetworkError";
  declare readonly kind: "network";
  /** System error code such as ECONNREFUSED or ENOTFOUND, when the runtime reports one. */
  readonly code: string | undefined;

  constructor(init: ErrorInit) {
    const code = findErrorCode(init.cause);
    super("network", `Could not reach ${init.url} (${code ?? "network error"}).`, init);
    this.code = code;
  }
}

/** No complete response within the time budget (headers and body together). */
export class TimeoutError extends ApiClientError {
  override name = "TimeoutError";
  declare readonly kind: "timeout";
  readonly timeoutMs: number;

  constructor(init: ErrorInit & { timeoutMs: number }) {
    super("timeout", `${init.url} did not answer within ${init.timeoutMs} ms.`, init);
    this.timeoutMs = init.timeoutMs;
  }
}

/** The caller's own AbortSignal fired; `cause` is its reason. */
export class AbortedError extends ApiClientError {
  override name = "AbortedError";
  declare readonly kind: "aborted";

  constructor(init: ErrorInit) {
    super("aborted", `The request to ${init.url} was aborted by the caller.`, init);
  }
}

export interface HttpStatusErrorInit extends ErrorInit {
  status: number;
  statusText: string;
  /** Full response text; it is parsed as JSON when possible, then truncated. */
  bodyText: string;
  wwwAuthenticate?: string | null;
  /** Redirect target as origin and path, for 3xx answers that were not followed. */
  location?: string;
}

/** The server answered with a non-2xx status (including redirects, which are not followed). */
export class HttpStatusError extends ApiClientError {
  override name = "HttpStatusError";
  declare readonly kind: "http";
  readonly status: number;
  readonly statusText: string;
  /** At most MAX_BODY_TEXT_LENGTH characters of the response body. */
  readonly bodyText: string;
  /** The parsed body, when it was JSON. */
  readonly bodyJson: unknown;
  /** OAuth `error` code from the JSON body or the WWW-Authenticate challenge, e.g. "invalid_token". */
  readonly oauthError: string | undefined;
  readonly oauthErrorDescription: string | undefined;
  readonly wwwAuthenticate: string | undefined;
  readonly authChallenges: AuthChallenge[];
  readonly location: string | undefined;

  constructor(init: HttpStatusErrorInit) {
    const bodyJson = parseJsonLoosely(init.bodyText);
    const authChallenges = init.wwwAuthenticate ? parseWwwAuthenticate(init.wwwAuthenticate) : [];
    const oauth = findOAuthError(bodyJson, authChallenges);
    super("http", httpMessage(init, oauth), init);
    this.status = init.status;
    this.statusText = init.statusText;
    this.bodyText = truncate(init.bodyText, MAX_BODY_TEXT_LENGTH);
    this.bodyJson = bodyJson;
    this.oauthError = oauth.error;
    this.oauthErrorDescription = oauth.description;
    this.wwwAuthenticate = init.wwwAuthenticate ?? undefined;
    this.authChallenges = authChallenges;
    this.location = init.location;
  }
}

export interface InvalidBodyErrorInit extends ErrorInit {
  message: string;
  status?: number;
  contentType?: string | null;
  bodyText?: string;
  issues?: readonly z.core.$ZodIssue[];
}

/** A 2xx answer whose body is not JSON, or is JSON of the wrong shape. */
export class InvalidBodyError extends ApiClientError {
  override name = "InvalidBodyError";
  declare readonly kind: "invalid-body";
  /** Schema issues; empty when the body was not JSON at all. */
  readonly issues: readonly z.core.$ZodIssue[];
  readonly status: number | undefined;
  readonly contentType: string | undefined;
  readonly bodyText: string | undefined;

  constructor(init: InvalidBodyErrorInit) {
    super("invalid-body", init.message, init);
    this.issues = init.issues ?? [];
    this.status = init.status;
    this.contentType = init.contentType ?? undefined;
    this.bodyText =
      init.bodyText === undefined ? undefined : truncate(init.bodyText, MAX_BODY_TEXT_LENGTH);
  }
}

export interface RefusedErrorInit extends ErrorInit {
  message: string;
  status: number;
}

/** The server answered with an error body its API documents as a refusal; vendor clients subclass it. */
export class RefusedError extends ApiClientError {
  override name = "RefusedError";
  declare readonly kind: "refused";
  readonly status: number;

  constructor(init: RefusedErrorInit) {
    super("refused", init.message, init);
    this.status = init.status;
  }
}

export type AnyApiClientError =
  | NetworkError
  | TimeoutError
  | AbortedError
  | HttpStatusError
  | InvalidBodyError
  | RefusedError;

/** True for errors thrown by this package; narrow further with `error.kind`. */
export function isApiClientError(error: unknown): error is AnyApiClientError {
  return (
    error instanceof ApiClientError ||
    (typeof error === "object" &&
      error !== null &&
      (error as { [brand]?: unknown })[brand] === true)
  );
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function parseJsonLoosely(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== "{" && start !== "[") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface OAuthErrorFields {
  error?: string;
  description?: string;
}

// RFC 6749 §5.2 bodies win; RFC 6750 §3 Bearer challenges are the fallback for resource servers.
function findOAuthError(bodyJson: unknown, challenges: AuthChallenge[]): OAuthErrorFields {
  if (typeof bodyJson === "object" && bodyJson !== null && !Array.isArray(bodyJson)) {
    const { error, error_description } = bodyJson as Record<string, unknown>;
    if (typeof error === "string" && error !== "") {
      return {
        error,
        description: typeof error_description === "string" ? error_description : undefined,
      };
    }
  }
  const challenge = challenges.find((c) => c.params.error);
  return challenge
    ? { error: challenge.params.error, description: challenge.params.error_description }
    : {};
}

function httpMessage(init: HttpStatusErrorInit, oauth: OAuthErrorFields): string {
  const status = `HTTP ${init.status}${init.statusText ? ` ${init.statusText}` : ""}`;
  if (init.location) {
    return `${init.url} answered ${status}, a redirect to ${init.location} that was not followed.`;
  }
  if (!oauth.error) return `${init.url} answered ${status}.`;
  const description = oauth.description ? ` (${truncate(oauth.description, 200)})` : "";
  return `${init.url} answered ${status}: ${truncate(oauth.error, 100)}${description}.`;
}

function findErrorCode(error: unknown): string | undefined {
  // undici wraps the system error: TypeError("fetch failed") → cause Error { code: "ECONNREFUSED" }.
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== "object") return undefined;
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string") return code;
    current = cause;
  }
  return undefined;
}
