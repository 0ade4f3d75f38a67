export { bearerAuthorization } from "./bearer.ts";
export {
  type BeyondIdentityIdentity,
  type BeyondIdentityManagement,
  type BeyondIdentityManagementOptions,
  type BindingJobRequest,
  beyondIdentityIdentitySchema,
  type CredentialBindingJobResponse,
  createBeyondIdentityManagement,
  credentialBindingJobSchema,
  type NewIdentity,
} from "./beyond-identity-management.ts";
export { type CaTrustingFetchOptions, createCaTrustingFetch } from "./ca-trusting-fetch.ts";
export { describeUrl } from "./describe-url.ts";
export {
  type AuthenticationRequest,
  type DjangoSsoEvent,
  type DjangoSsoGatewayOptions,
  type DjangoSsoRefusal,
  DjangoSsoRefusedError,
  type DjangoSsoUser,
  deauthenticateUser,
  djangoSsoEventSchema,
  djangoSsoEventTypes,
  djangoSsoUserSchema,
  fetchGatewayUser,
  gatewayLoginUrl,
  getAuthenticationRequest,
  markRequestUsed,
  obtainRequestToken,
  parseDjangoSsoEvent,
} from "./django-sso-gateway.ts";
export {
  AbortedError,
  type AnyApiClientError,
  ApiClientError,
  type ApiClientErrorKind,
  HttpStatusError,
  type HttpStatusErrorInit,
  InvalidBodyError,
  type InvalidBodyErrorInit,
  isApiClientError,
  MAX_BODY_TEXT_LENGTH,
  NetworkError,
  TimeoutError,
} from "./errors.ts";
export {
  discoveryUrl,
  type FetchDiscoveryOptions,
  fetchDiscovery,
  type OidcDiscovery,
  oidcDiscoverySchema,
} from "./oidc-discovery.ts";
export {
  type FetchUserinfoOptions,
  fetchUserinfo,
  type OidcUserinfo,
  oidcUserinfoSchema,
} from "./oidc-userinfo.ts";
export { isJsonMediaType } from "./parse-json-body.ts";
export {
  DEFAULT_TIMEOUT_MS,
  type FetchLike,
  type JsonBody,
  type RequestJsonOptions,
  requestJson,
} from "./request-json.ts";
export {
  type FetchScimMeOptions,
  fetchScimMe,
  type ScimMe,
  scimEmailSchema,
  scimErrorDetail,
  scimErrorSchema,
  scimMeSchema,
  scimMeUrl,
} from "./wso2-scim-me.ts";
export { type AuthChallenge, parseWwwAuthenticate } from "./www-authenticate.ts";
