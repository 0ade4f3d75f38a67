/** The identity providers of the gallery; each app's normalized session names one of them. */
export const idpIds = ["wso2", "beyond-identity", "django-oidc", "logto", "django-sso"] as const;

export type IdpId = (typeof idpIds)[number];

export function isIdpId(value: unknown): value is IdpId {
  return typeof value === "string" && (idpIds as readonly string[]).includes(value);
}
