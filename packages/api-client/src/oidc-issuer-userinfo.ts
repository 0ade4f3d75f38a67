import { fetchDiscovery } from "./oidc-discovery.ts";
import { fetchUserinfo, type OidcUserinfo } from "./oidc-userinfo.ts";
import type { FetchLike } from "./request-json.ts";

export interface FetchIssuerUserinfoOptions {
  issuer: string;
  accessToken: string;
  timeoutMs?: number;
  fetch?: FetchLike;
}

/** The UserInfo response of the IdP at `issuer`, at the endpoint its discovery document names. */
export async function fetchIssuerUserinfo(
  options: FetchIssuerUserinfoOptions,
): Promise<OidcUserinfo> {
  const { issuer, accessToken, timeoutMs, fetch } = options;
  const discovery = await fetchDiscovery({ issuer, timeoutMs, fetch });
  if (!discovery.userinfo_endpoint) {
    throw new Error(`${issuer} lists no userinfo endpoint in its discovery document.`);
  }
  return fetchUserinfo({
    userinfoEndpoint: discovery.userinfo_endpoint,
    accessToken,
    timeoutMs,
    fetch,
  });
}
