import { z } from "zod";
import { describeUrl, parseHttpUrl } from "./describe-url.ts";
import { InvalidBodyError, truncate } from "./errors.ts";
import { type FetchLike, requestJson } from "./request-json.ts";

const httpUrl = z.url({ protocol: /^https?$/ });
const strings = z.array(z.string()).optional();

/** OpenID Connect Discovery 1.0 §3 provider metadata; unknown fields are kept. */
export const oidcDiscoverySchema = z.looseObject({
  issuer: httpUrl,
  authorization_endpoint: httpUrl,
  token_endpoint: httpUrl,
  jwks_uri: httpUrl,
  userinfo_endpoint: httpUrl.optional(),
  end_session_endpoint: httpUrl.optional(),
  revocation_endpoint: httpUrl.optional(),
  introspection_endpoint: httpUrl.optional(),
  registration_endpoint: httpUrl.optional(),
  pushed_authorization_request_endpoint: httpUrl.optional(),
  scopes_supported: strings,
  response_types_supported: strings,
  grant_types_supported: strings,
  subject_types_supported: strings,
  id_token_signing_alg_values_supported: strings,
  token_endpoint_auth_methods_supported: strings,
  code_challenge_methods_supported: strings,
  claims_supported: strings,
  frontchannel_logout_supported: z.boolean().optional(),
  backchannel_logout_supported: z.boolean().optional(),
});

export type OidcDiscovery = z.output<typeof oidcDiscoverySchema>;

export interface FetchDiscoveryOptions {
  /** Exactly as the IdP states it, trailing slash included or not. */
  issuer: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: FetchLike;
}

/**
 * Where the metadata lives: OIDC Discovery §4 drops one terminating "/" from the issuer and
 * appends "/.well-known/openid-configuration", so there is never a double slash.
 */
export function discoveryUrl(issuer: string): string {
  const url = parseHttpUrl(issuer, "issuer");
  if (url.search || url.hash) throw new TypeError("issuer must not have a query or fragment.");
  return `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
}

/** Fetches the provider metadata and checks that it names the configured issuer exactly. */
export async function fetchDiscovery(options: FetchDiscoveryOptions): Promise<OidcDiscovery> {
  const url = discoveryUrl(options.issuer);
  const metadata = await requestJson(url, {
    schema: oidcDiscoverySchema,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    fetch: options.fetch,
  });
  // §4.3: a mismatch means the document is for another issuer (or the config has a typo).
  if (metadata.issuer !== options.issuer) {
    const where = describeUrl(new URL(url));
    const found = JSON.stringify(truncate(metadata.issuer, 200));
    throw new InvalidBodyError({
      url: where,
      status: 200,
      message: `${where} describes issuer ${found}, but ${JSON.stringify(options.issuer)} is configured; they must match exactly.`,
    });
  }
  return metadata;
}
