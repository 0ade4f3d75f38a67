import { z } from "zod";
import { bearerAuthorization } from "./bearer.ts";
import { parseHttpUrl } from "./describe-url.ts";
import { isApiClientError } from "./errors.ts";
import { type FetchLike, requestJson } from "./request-json.ts";

/** A SCIM email: WSO2 answers objects (`{value, primary, type}`), some configurations plain strings. */
export const scimEmailSchema = z.union([
  z.string(),
  z.looseObject({
    value: z.string(),
    primary: z.boolean().optional(),
    type: z.string().optional(),
  }),
]);

/** The SCIM 2.0 User resource `/scim2/Me` answers with (RFC 7643 §4.1); unknown attributes are kept. */
export const scimMeSchema = z.looseObject({
  schemas: z.array(z.string()).min(1),
  id: z.string().min(1),
  userName: z.string().min(1),
  name: z
    .looseObject({
      givenName: z.string().optional(),
      familyName: z.string().optional(),
      formatted: z.string().optional(),
    })
    .optional(),
  emails: z.array(scimEmailSchema).optional(),
  meta: z
    .looseObject({
      created: z.string().optional(),
      lastModified: z.string().optional(),
      resourceType: z.string().optional(),
      location: z.string().optional(),
    })
    .optional(),
});

export type ScimMe = z.output<typeof scimMeSchema>;

/** RFC 7644 §3.12 error body (`status` is a string there). */
export const scimErrorSchema = z.looseObject({
  schemas: z.array(z.string()),
  detail: z.string().optional(),
  status: z.union([z.string(), z.number()]).optional(),
});

export interface FetchScimMeOptions {
  /** The WSO2 Identity Server origin, e.g. https://localhost:9443 (its issuer's origin). */
  baseUrl: string | URL;
  /** Tenant domain for `/t/{tenant}/scim2/Me`; without it the super tenant's `/scim2/Me`. */
  tenant?: string;
  /** The user's access token; it needs the `internal_login` scope. */
  accessToken: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** E.g. createCaTrustingFetch({ caFile }) for a server with a private-CA certificate. */
  fetch?: FetchLike;
}

/** `https://host/t/{tenant}/scim2/Me`, or `https://host/scim2/Me` without a tenant. */
export function scimMeUrl(baseUrl: string | URL, tenant?: string): URL {
  const { origin } = parseHttpUrl(baseUrl, "baseUrl");
  const prefix = tenant ? `/t/${encodeURIComponent(tenant)}` : "";
  return new URL(`${origin}${prefix}/scim2/Me`);
}

/** GET the signed-in user's own SCIM2 resource from WSO2 Identity Server with their access token. */
export function fetchScimMe(options: FetchScimMeOptions): Promise<ScimMe> {
  return requestJson(scimMeUrl(options.baseUrl, options.tenant), {
    schema: scimMeSchema,
    accept: "application/scim+json",
    headers: { authorization: bearerAuthorization(options.accessToken) },
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    fetch: options.fetch,
  });
}

/** The SCIM error's `detail` from a failed call (e.g. a 403 for a token without `internal_login`). */
export function scimErrorDetail(error: unknown): string | undefined {
  if (!isApiClientError(error) || error.kind !== "http") return undefined;
  const parsed = scimErrorSchema.safeParse(error.bodyJson);
  return parsed.success ? parsed.data.detail : undefined;
}
