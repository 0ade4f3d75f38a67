import { djangoOidcHttpAdapter } from "./django-oidc.ts";
import type { HttpIdpAdapter } from "./types.ts";

export type { Credentials, FormRequest, HttpIdpAdapter, OidcClient } from "./types.ts";

/** One HTTP adapter per IdP; a target whose IdP has none is reported as "not measured yet". */
export const httpAdapters: Record<string, HttpIdpAdapter> = {
  [djangoOidcHttpAdapter.idp]: djangoOidcHttpAdapter,
};
