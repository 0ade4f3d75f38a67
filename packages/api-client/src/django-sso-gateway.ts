import { z } from "zod";
import { describeUrl, parseHttpUrl } from "./describe-url.ts";
import { HttpStatusError, RefusedError, truncate } from "./errors.ts";
import { type FetchLike, requestJson } from "./request-json.ts";

/**
 * The service side of a django-sso gateway (PyPI `django-sso`, 1.x and 3.x): the form POSTs a
 * subordinated service makes to `sso/obtain/`, `sso/get/`, `sso/make_used/` and
 * `sso/deauthenticate/`, the user resource API, and the events the gateway POSTs to `sso/event/`.
 */
export interface DjangoSsoGatewayOptions {
  /** The gateway's root URL (django-sso's `SSO['ROOT']`), e.g. `https://sso.example.com`. */
  gatewayUrl: string;
  /** The service's token from the gateway admin; it authenticates every call. Server only. */
  serviceToken: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: FetchLike;
}

/** Why the gateway refused a call it answered (django-sso answers most refusals with HTTP 200). */
export type DjangoSsoRefusal =
  | "missing-token"
  | "missing-next-url"
  | "missing-request-token"
  | "missing-user"
  | "unknown-service"
  | "unknown-request"
  | "other";

// The gateway's wording in 1.1.0 ("is'nt exists") and 3.x ("doesn't exist").
const refusals: Array<[RegExp, DjangoSsoRefusal]> = [
  [/^"token" is/i, "missing-token"],
  [/^"next_url" is/i, "missing-next-url"],
  [/^"user_identy" is/i, "missing-user"],
  [/^application token/i, "unknown-service"],
  [/^authentication request token .*\bset\b/i, "missing-request-token"],
  [/^authentication request token/i, "unknown-request"],
];

/** The gateway answered, but with `{"error": …}`: a wrong service token, an unknown or used request… */
export class DjangoSsoRefusedError extends RefusedError {
  override name = "DjangoSsoRefusedError";
  readonly reason: DjangoSsoRefusal;
  /** The gateway's own message, at most 200 characters. */
  readonly gatewayMessage: string;

  constructor(init: { url: string; status: number; message: string; cause?: unknown }) {
    const gatewayMessage = truncate(init.message, 200);
    super({ ...init, message: `${init.url} refused the request: ${gatewayMessage}` });
    this.gatewayMessage = gatewayMessage;
    this.reason = refusals.find(([pattern]) => pattern.test(init.message))?.[1] ?? "other";
  }
}

const errorBody = z.object({ error: z.string() });
const answer = <T extends z.ZodType>(success: T) => z.union([success, errorBody]);

const obtainResponseSchema = answer(z.object({ token: z.string().min(1).max(128) }));
const authenticationRequestSchema = answer(
  z.object({
    authenticated: z.literal(true),
    user_identy: z.string().min(1),
    next_url: z.string(),
  }),
);
const okResponseSchema = answer(z.object({ ok: z.literal(true) }));

/** `GET /users/{username}/`: the gateway user, Django's `auth.User` fields. */
export const djangoSsoUserSchema = z.looseObject({
  id: z.union([z.number().int(), z.string().min(1)]),
  username: z.string().min(1),
  first_name: z.string().default(""),
  last_name: z.string().default(""),
  email: z.string().default(""),
  is_active: z.boolean(),
  is_staff: z.boolean().optional(),
  is_superuser: z.boolean().optional(),
});

export type DjangoSsoUser = z.output<typeof djangoSsoUserSchema>;

export interface AuthenticationRequest {
  /** The user's identity at the gateway (its `USERNAME_FIELD`), e.g. `alice`. */
  userIdenty: string;
  /** The relative URL the service passed to `sso/obtain/`. */
  nextUrl: string;
}

function endpoint(options: DjangoSsoGatewayOptions, path: string): URL {
  const root = parseHttpUrl(options.gatewayUrl, "gatewayUrl");
  return new URL(`${root.pathname.replace(/\/$/, "")}${path}`, root);
}

function checkToken(value: string, label: string): void {
  // The gateway's tokens are 128-character random strings; anything else is a configuration error.
  if (!/^[\x21-\x7E]{1,512}$/.test(value)) {
    throw new TypeError(`${label} must be a non-empty string of printable ASCII characters.`);
  }
}

async function post<S extends z.ZodType>(
  options: DjangoSsoGatewayOptions,
  path: string,
  fields: Record<string, string>,
  schema: S,
): Promise<Exclude<z.output<S>, { error: string }>> {
  checkToken(options.serviceToken, "serviceToken");
  const url = endpoint(options, path);
  let body: unknown;
  try {
    body = await requestJson(url, {
      schema,
      body: new URLSearchParams({ token: options.serviceToken, ...fields }),
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      fetch: options.fetch,
    });
  } catch (error) {
    // make_used answers an unknown request with 404 {"error": …}; that is a refusal, not an outage.
    const notFound = error instanceof HttpStatusError && error.status === 404;
    const refused = notFound ? errorBody.safeParse(error.bodyJson) : null;
    if (refused?.success && error instanceof HttpStatusError) {
      throw new DjangoSsoRefusedError({
        url: error.url,
        status: error.status,
        message: refused.data.error,
        cause: error,
      });
    }
    throw error;
  }
  // Success shapes are strict objects, so only the refusal branch of the union keeps "error".
  if (typeof body === "object" && body !== null && "error" in body) {
    const message = String((body as { error: unknown }).error);
    throw new DjangoSsoRefusedError({ url: describeUrl(url), status: 200, message });
  }
  return body as Exclude<z.output<S>, { error: string }>;
}

/** `POST sso/obtain/`: a new authentication request for this service; returns its token. */
export async function obtainRequestToken(
  options: DjangoSsoGatewayOptions & { nextUrl: string },
): Promise<string> {
  const answer = await post(
    options,
    "/sso/obtain/",
    { next_url: options.nextUrl },
    obtainResponseSchema,
  );
  return answer.token;
}

/** Where the browser signs in: `{gateway}/login/?sso=<request token>`. */
export function gatewayLoginUrl(gatewayUrl: string, requestToken: string): string {
  const url = new URL(`${parseHttpUrl(gatewayUrl, "gatewayUrl").href.replace(/\/$/, "")}/login/`);
  url.searchParams.set("sso", requestToken);
  return url.href;
}

/** `POST sso/get/`: who signed in for this request; refused unless it is authenticated and unused. */
export async function getAuthenticationRequest(
  options: DjangoSsoGatewayOptions & { requestToken: string },
): Promise<AuthenticationRequest> {
  checkToken(options.requestToken, "requestToken");
  const answer = await post(
    options,
    "/sso/get/",
    { authentication_token: options.requestToken },
    authenticationRequestSchema,
  );
  return { userIdenty: answer.user_identy, nextUrl: answer.next_url };
}

/** `POST sso/make_used/`: marks the request used, so it cannot sign anyone in again. */
export async function markRequestUsed(
  options: DjangoSsoGatewayOptions & { requestToken: string },
): Promise<void> {
  checkToken(options.requestToken, "requestToken");
  await post(
    options,
    "/sso/make_used/",
    { authentication_token: options.requestToken },
    okResponseSchema,
  );
}

/** `POST sso/deauthenticate/`: ends the user's gateway sessions and tells every other service. */
export async function deauthenticateUser(
  options: DjangoSsoGatewayOptions & { userIdenty: string },
): Promise<void> {
  await post(
    options,
    "/sso/deauthenticate/",
    { user_identy: options.userIdenty },
    okResponseSchema,
  );
}

/** `GET /users/{username}/`: the gateway's user record, authenticated with the service token. */
export async function fetchGatewayUser(
  options: DjangoSsoGatewayOptions & { username: string },
): Promise<DjangoSsoUser> {
  checkToken(options.serviceToken, "serviceToken");
  return requestJson(endpoint(options, `/users/${encodeURIComponent(options.username)}/`), {
    schema: djangoSsoUserSchema,
    headers: { authorization: `Token ${options.serviceToken}` },
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    fetch: options.fetch,
  });
}

const identy = z.string().min(1).max(150);

/** Events the gateway POSTs to `{service}/sso/event/` as JSON (3.x shapes; 1.x's flat `username` too). */
export const djangoSsoEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("update_account"),
    fields: z.looseObject({
      user_identy: identy,
      is_active: z.boolean().optional(),
      is_staff: z.boolean().optional(),
      is_superuser: z.boolean().optional(),
    }),
  }),
  z.object({ type: z.literal("deauthenticate"), user_identy: identy }),
  z.object({ type: z.literal("delete_user"), user_identy: identy }),
  z.object({ type: z.literal("change_user_identy"), old: identy, new: identy }),
  z.object({
    type: z.literal("update_fields"),
    fields: z.record(z.string(), z.unknown()),
    user_identities: z.array(identy).max(10_000),
  }),
]);

export type DjangoSsoEvent = z.output<typeof djangoSsoEventSchema>;
export const djangoSsoEventTypes = djangoSsoEventSchema.options.map(
  (option) => option.shape.type.value,
);

/** Parses an event body (without its `token`), accepting 1.x's flat `username` form too. */
export function parseDjangoSsoEvent(body: Record<string, unknown>) {
  const { token: _token, ...event } = body;
  if (typeof event.username === "string" && event.user_identy === undefined) {
    const { username, ...rest } = event;
    if (rest.type === "update_account" && rest.fields === undefined) {
      const { type, ...fields } = rest;
      return djangoSsoEventSchema.safeParse({ type, fields: { ...fields, user_identy: username } });
    }
    return djangoSsoEventSchema.safeParse({ ...rest, user_identy: username });
  }
  return djangoSsoEventSchema.safeParse(event);
}
