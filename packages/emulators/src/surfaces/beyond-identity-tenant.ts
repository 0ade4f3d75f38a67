import { beyondIdentityTenant as tenant } from "../fixtures.ts";

/**
 * The Beyond Identity tenant the emulator serves (fixtures/clients.json → "beyond-identity"), its
 * paths, and the environment variables that pick the app's settings.
 */

export { tenant };

/** `/v1/tenants/{t}/realms/{r}`: the realm's API base (identities, credential-binding jobs). */
export const REALM_PATH = `/v1/tenants/${tenant.tenantId}/realms/${tenant.realmId}`;
/** The application's issuer path: oidc-provider's mount path. */
export const APPLICATION_PATH = `${REALM_PATH}/applications/${tenant.applicationId}`;
/** The built-in Management API application in the Admin realm. */
export const MANAGEMENT_APPLICATION_PATH = `/v1/tenants/${tenant.tenantId}/realms/${tenant.management.adminRealmId}/applications/${tenant.management.applicationId}`;

export const PKCE_ENV = "BI_EMULATOR_PKCE";
export const INVOKE_URL_ENV = "BI_EMULATOR_INVOKE_URL";
export const INVOCATION_ENV = "BI_EMULATOR_INVOCATION";

export type PkceMode = "required" | "optional" | "disabled";

/** The app's PKCE setting; read per request so a test can switch it. Default: the guides' S256. */
export function pkceMode(): PkceMode {
  const value = process.env[PKCE_ENV]?.trim().toLowerCase();
  if (!value) return "required";
  if (value === "required" || value === "optional" || value === "disabled") return value;
  throw new Error(`${PKCE_ENV} must be required, optional or disabled (got "${value}")`);
}

/** The authenticator config's Invocation Type: Automatic (a 302) or Manual (JSON with the URL). */
export function invocationType(): "automatic" | "manual" {
  const value = process.env[INVOCATION_ENV]?.trim().toLowerCase();
  if (!value || value === "automatic") return "automatic";
  if (value === "manual") return "manual";
  throw new Error(`${INVOCATION_ENV} must be automatic or manual (got "${value}")`);
}

function invokeUrlOverride(): string | undefined {
  const value = process.env[INVOKE_URL_ENV]?.trim();
  if (!value) return undefined;
  const url = URL.parse(value);
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    throw new Error(`${INVOKE_URL_ENV} must be an http(s) URL (got "${value}")`);
  }
  return url.origin;
}

const registeredOrigins = [...new Set(tenant.redirectUris.map((uri) => new URL(uri).origin))];

/**
 * Origins the app runs on: those of its registered redirect URIs, plus BI_EMULATOR_INVOKE_URL's.
 * They are the WebAuthn origins accepted and the only CORS origins answered.
 */
export function appOrigins(): string[] {
  const override = invokeUrlOverride();
  return override && !registeredOrigins.includes(override)
    ? [...registeredOrigins, override]
    : registeredOrigins;
}

/**
 * The Invoke URL for a sign-in or a binding: BI_EMULATOR_INVOKE_URL when set, else the origin of the
 * app URL at hand when it is one of the app's, else the first registered origin. A real tenant has one
 * Invoke URL per authenticator config; the emulator follows the app instance that asked.
 */
export function invokeUrlFor(appUrl: string | undefined): string {
  const override = invokeUrlOverride();
  if (override) return override;
  const origin = appUrl ? URL.parse(appUrl)?.origin : undefined;
  return origin && registeredOrigins.includes(origin) ? origin : (registeredOrigins[0] ?? "");
}

/** WebAuthn's RP ID: the Invoke URL's host name (`localhost`). */
export const rpIdFor = (invokeUrl: string) => new URL(invokeUrl).hostname;
