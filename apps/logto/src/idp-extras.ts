import { decodeJwt } from "jose";
import { nodeClient } from "./auth.ts";
import { env } from "./env.ts";
import { verifyResourceToken } from "./resource-api.ts";

export type Extra =
  | { ok: true; title: string; data: unknown }
  | { ok: false; title: string; message: string };

async function attempt(title: string, load: () => Promise<unknown>): Promise<Extra> {
  try {
    return { ok: true, title, data: await load() };
  } catch (error) {
    return { ok: false, title, message: error instanceof Error ? error.message : String(error) };
  }
}

// Checks a token the way /api/resource does (same module), without a loopback HTTP call.
async function callApi(token: string) {
  const check = await verifyResourceToken(`Bearer ${token}`);
  return check.ok
    ? { status: 200, sub: check.payload.sub, scope: check.payload.scope }
    : { status: check.status, refused: check.description };
}

/** The Logto-specific parts of `/protected`: userinfo, an API resource token, an organization token. */
export async function loadIdpExtras(organizations: readonly string[]): Promise<Extra[]> {
  // Server components cannot write cookies: tokens fetched here are used, not persisted.
  const client = await nodeClient({ ignoreCookieChange: true });
  const organizationId = organizations[0];
  const organizationToken = organizationId
    ? client.getOrganizationToken(organizationId)
    : Promise.reject(new Error("The user belongs to no organization."));
  organizationToken.catch(() => undefined);
  return Promise.all([
    attempt("Userinfo (GET /oidc/me): custom data and organizations", () => client.fetchUserInfo()),
    attempt(`API resource ${env.LOGTO_API_RESOURCE}: decoded token claims`, async () =>
      decodeJwt(await client.getAccessToken(env.LOGTO_API_RESOURCE)),
    ),
    attempt("GET /api/resource with the API resource token", async () =>
      callApi(await client.getAccessToken(env.LOGTO_API_RESOURCE)),
    ),
    attempt(`Organization ${organizationId ?? "(none)"}: decoded token claims`, async () =>
      decodeJwt(await organizationToken),
    ),
    attempt("GET /api/resource with the organization token (another audience)", async () =>
      callApi(await organizationToken),
    ),
  ]);
}
