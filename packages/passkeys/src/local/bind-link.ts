/** What a credential-binding link names: the job to complete and the one-time token that proves it. */
export interface BindLink {
  apiBaseUrl: string;
  tenantId: string;
  realmId: string;
  identityId: string;
  jobId: string;
  token: string;
}

const ID = /^[\w-]{1,64}$/;
const DIRECT =
  /^\/v1\/tenants\/([\w-]+)\/realms\/([\w-]+)\/identities\/([\w-]+)\/credential-binding-jobs\/([\w-]+):invokeAuthenticator$/;

/**
 * Reads both link formats Beyond Identity hands out (developer-docs how-to/add-passkey.md): the direct
 * `…/credential-binding-jobs/{job}:invokeAuthenticator?token=` link, and the app's own
 * `/bind?api_base_url=…&tenant_id=…&realm_id=…&identity_id=…&job_id=…&token=…` that an emailed link
 * lands on. Null for anything else.
 */
export function parseBindLink(input: string): BindLink | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  const token = url.searchParams.get("token");
  if (!token || !/^[\w.~-]{8,512}$/.test(token)) return null;
  const direct = DIRECT.exec(url.pathname);
  if (direct) {
    const [, tenantId = "", realmId = "", identityId = "", jobId = ""] = direct;
    return { apiBaseUrl: url.origin, tenantId, realmId, identityId, jobId, token };
  }
  if (!url.pathname.endsWith("/bind")) return null;
  const q = (name: string) => url.searchParams.get(name) ?? "";
  const link = {
    apiBaseUrl: q("api_base_url"),
    tenantId: q("tenant_id"),
    realmId: q("realm_id"),
    identityId: q("identity_id"),
    jobId: q("job_id"),
    token,
  };
  if (![link.tenantId, link.realmId, link.identityId, link.jobId].every((id) => ID.test(id))) {
    return null;
  }
  try {
    const api = new URL(link.apiBaseUrl);
    if (api.protocol !== "http:" && api.protocol !== "https:") return null;
    return { ...link, apiBaseUrl: api.origin };
  } catch {
    return null;
  }
}

/** The binding job's URL on the API, with one of the emulator's `:{action}` verbs. */
export function bindingJobUrl(link: BindLink, action: string): string {
  const path = [
    "v1/tenants",
    link.tenantId,
    "realms",
    link.realmId,
    "identities",
    link.identityId,
    "credential-binding-jobs",
    `${link.jobId}:${action}`,
  ].join("/");
  return `${link.apiBaseUrl}/${path}`;
}
