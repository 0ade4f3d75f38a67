import { beyondIdentityHttpAdapter } from "./beyond-identity.ts";
import { djangoOidcHttpAdapter } from "./django-oidc.ts";
import { djangoSsoHttpAdapter } from "./django-sso.ts";
import { logtoHttpAdapter } from "./logto.ts";
import type { HttpIdpAdapter } from "./types.ts";
import { wso2HttpAdapter } from "./wso2.ts";

export type {
  BareClient,
  BareFlowTools,
  Credentials,
  FormRequest,
  HandOff,
  HttpIdpAdapter,
  OidcClient,
  PrepareUserContext,
  ScriptStep,
} from "./types.ts";

/** One HTTP adapter per IdP; a target whose IdP has none is reported as "not measured yet". */
export const httpAdapters: Record<string, HttpIdpAdapter> = {
  [djangoOidcHttpAdapter.idp]: djangoOidcHttpAdapter,
  [wso2HttpAdapter.idp]: wso2HttpAdapter,
  [djangoSsoHttpAdapter.idp]: djangoSsoHttpAdapter,
  [logtoHttpAdapter.idp]: logtoHttpAdapter,
  [beyondIdentityHttpAdapter.idp]: beyondIdentityHttpAdapter,
};
