import type { Surface } from "./core/types.ts";
import { beyondIdentity } from "./surfaces/beyond-identity.ts";
import { djangoOidc } from "./surfaces/django-oidc.ts";
import { createDjangoSsoGateway } from "./surfaces/django-sso.ts";
import { logto } from "./surfaces/logto.ts";
import { wso2 } from "./surfaces/wso2.ts";

/** The one place that lists IdP surfaces and their default ports; add new IdPs here. */
export const registry = {
  "django-oidc": { surface: djangoOidc, defaultPort: 8000 },
  wso2: { surface: wso2, defaultPort: 9443 },
  logto: { surface: logto, defaultPort: 3301 },
  "beyond-identity": { surface: beyondIdentity, defaultPort: 8300 },
} as const satisfies Record<string, { surface: Surface; defaultPort: number }>;

/** IdPs that are not OIDC providers: a server of their own on the core's listen helpers and controls. */
export const servers = {
  "django-sso": { create: createDjangoSsoGateway, defaultPort: 8200 },
} as const;

export type SurfaceId = keyof typeof registry;
export type ServerId = keyof typeof servers;
export type IdpId = SurfaceId | ServerId;

export const idpIds = [...Object.keys(registry), ...Object.keys(servers)] as IdpId[];

export const surfaces = Object.fromEntries(
  Object.entries(registry).map(([id, entry]) => [id, entry.surface]),
) as Record<SurfaceId, Surface>;

export function isIdpId(id: string): id is IdpId {
  return Object.hasOwn(registry, id) || Object.hasOwn(servers, id);
}

export function isServerId(id: string): id is ServerId {
  return Object.hasOwn(servers, id);
}

export function getSurface(id: string): Surface {
  if (!Object.hasOwn(registry, id)) {
    throw new Error(`No OIDC surface "${id}". Known: ${Object.keys(registry).join(", ")}`);
  }
  return registry[id as SurfaceId].surface;
}

export function defaultPort(id: IdpId): number {
  return isServerId(id) ? servers[id].defaultPort : registry[id].defaultPort;
}
