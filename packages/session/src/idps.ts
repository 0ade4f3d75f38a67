import { type IdpId, idpIds } from "@idp-gallery/registry/idps";

/** The identity providers of the gallery (from @idp-gallery/registry); each app's normalized session names one of them. */
export { type IdpId, idpIds };

export function isIdpId(value: unknown): value is IdpId {
  return typeof value === "string" && (idpIds as readonly string[]).includes(value);
}
