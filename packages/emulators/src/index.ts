export {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
} from "./core/create-emulator.ts";
export { DATA_DIR_ENV, resolveDataDir, resolveDataRoot } from "./core/data-dir.ts";
export { type DevCa, devCaFile, loadOrCreateDevCa, spkiSha256 } from "./core/dev-ca.ts";
export type * from "./core/types.ts";
export {
  defaultPort,
  getSurface,
  type IdpId,
  idpIds,
  isIdpId,
  isServerId,
  registry,
  servers,
  surfaces,
} from "./registry.ts";
export { beyondIdentity, createBeyondIdentity } from "./surfaces/beyond-identity.ts";
export { identityIdFor as beyondIdentityIdFor } from "./surfaces/beyond-identity-store.ts";
export { djangoOidc } from "./surfaces/django-oidc.ts";
export { LOGIN_ERROR as DJANGO_LOGIN_ERROR } from "./surfaces/django-oidc-pages.ts";
export {
  createDjangoSsoGateway,
  type DjangoSsoGateway,
  type DjangoSsoGatewayOptions,
  GATEWAY_SESSION_COOKIE,
} from "./surfaces/django-sso.ts";
export { SSO_LOGIN_ERROR } from "./surfaces/django-sso-pages.ts";
export { wso2 } from "./surfaces/wso2.ts";
export { WSO2_LOGIN_FAILED } from "./surfaces/wso2-pages.ts";
export { wso2Subject } from "./surfaces/wso2-users.ts";
