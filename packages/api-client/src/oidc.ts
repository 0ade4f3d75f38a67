// The `./oidc` entry: discovery and userinfo, which every OIDC app needs together.
export {
  discoveryUrl,
  type FetchDiscoveryOptions,
  fetchDiscovery,
  type OidcDiscovery,
  oidcDiscoverySchema,
} from "./oidc-discovery.ts";
export {
  type FetchIssuerUserinfoOptions,
  fetchIssuerUserinfo,
} from "./oidc-issuer-userinfo.ts";
export {
  type FetchUserinfoOptions,
  fetchUserinfo,
  type OidcUserinfo,
  oidcUserinfoSchema,
} from "./oidc-userinfo.ts";
