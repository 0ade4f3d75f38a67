import { z } from "zod";
import { bearerAuthorization } from "./bearer.ts";
import { describeUrl, parseHttpUrl } from "./describe-url.ts";
import { InvalidBodyError } from "./errors.ts";
import { type FetchLike, requestJson } from "./request-json.ts";

// Some IdPs send null for unset claims, or "true"/"false" strings for booleans; accept both.
const claim = <T extends z.ZodType>(schema: T) => schema.nullish();
const booleanClaim = z.union([
  z.boolean(),
  z.enum(["true", "false"]).transform((v) => v === "true"),
]);

/** OpenID Connect Core §5.3.2 UserInfo response; unknown claims are kept. */
export const oidcUserinfoSchema = z.looseObject({
  sub: z.string().min(1),
  name: claim(z.string()),
  given_name: claim(z.string()),
  family_name: claim(z.string()),
  preferred_username: claim(z.string()),
  email: claim(z.string()),
  email_verified: claim(booleanClaim),
  picture: claim(z.string()),
  // Seconds since the epoch per spec; a few IdPs send an ISO string instead.
  updated_at: claim(z.union([z.number(), z.string()])),
});

export type OidcUserinfo = z.output<typeof oidcUserinfoSchema>;

export interface FetchUserinfoOptions<S extends z.ZodType<OidcUserinfo>> {
  userinfoEndpoint: string | URL;
  accessToken: string;
  /** A stricter or extended schema, e.g. `oidcUserinfoSchema.extend({ groups: z.array(z.string()) })`. */
  schema?: S;
  /** The ID token's `sub`; the spec requires the UserInfo `sub` to match it exactly. */
  expectedSubject?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: FetchLike;
}

/** GETs the UserInfo endpoint with the user's access token as a Bearer credential. */
export async function fetchUserinfo<S extends z.ZodType<OidcUserinfo> = typeof oidcUserinfoSchema>(
  options: FetchUserinfoOptions<S>,
): Promise<z.output<S>> {
  const endpoint = parseHttpUrl(options.userinfoEndpoint, "userinfoEndpoint");
  const userinfo = await requestJson(endpoint, {
    schema: (options.schema ?? oidcUserinfoSchema) as S,
    headers: { authorization: bearerAuthorization(options.accessToken) },
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    fetch: options.fetch,
  });
  if (options.expectedSubject !== undefined && userinfo.sub !== options.expectedSubject) {
    throw new InvalidBodyError({
      url: describeUrl(endpoint),
      status: 200,
      message: `${describeUrl(endpoint)} answered for a different subject than the ID token's, so the claims must not be used.`,
    });
  }
  return userinfo;
}
