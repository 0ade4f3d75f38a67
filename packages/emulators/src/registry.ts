import { type IdpId as GalleryIdpId, idpList, idps } from "@idp-gallery/registry/idps";
import type { Surface } from "./core/types.ts";
import { beyondIdentity } from "./surfaces/beyond-identity.ts";
import { djangoOidc } from "./surfaces/django-oidc.ts";
import { createDjangoSsoGateway } from "./surfaces/django-sso.ts";
import { logto } from "./surfaces/logto.ts";
import { wso2 } from "./surfaces/wso2.ts";

// Which IdPs there are, their kind and their default ports come from @idp-gallery/registry; this file
// maps each id to its implementation, and TypeScript refuses a registry id without one.
type KindOf<Id extends GalleryIdpId> = (typeof idps)[Id]["emulator"]["kind"];

/** The IdPs served as an OIDC surface on the core (oidc-provider). */
export type SurfaceId = {
  [Id in GalleryIdpId]: KindOf<Id> extends "surface" ? Id : never;
}[GalleryIdpId];
/** The IdPs that are not OIDC providers: a server of their own on the core's listen helpers and controls. */
export type ServerId = Exclude<GalleryIdpId, SurfaceId>;
export type IdpId = SurfaceId | ServerId;

const surfaceOf: Record<SurfaceId, Surface> = {
  wso2,
  "beyond-identity": beyondIdentity,
  "django-oidc": djangoOidc,
  logto,
};

const serverOf: Record<ServerId, typeof createDjangoSsoGateway> = {
  "django-sso": createDjangoSsoGateway,
};

/** Every IdP's id, in the gallery's order. */
export const idpIds: IdpId[] = idpList.map((idp) => idp.id);

const surfaceIds = idpIds.filter((id): id is SurfaceId => idps[id].emulator.kind === "surface");
const serverIds = idpIds.filter((id): id is ServerId => idps[id].emulator.kind === "server");

/** The OIDC surfaces and their default ports (the IdP's `pnpm dev` port in the gallery registry). */
export const registry = Object.fromEntries(
  surfaceIds.map((id) => [id, { surface: surfaceOf[id], defaultPort: idps[id].dev.idpPort }]),
) as { readonly [Id in SurfaceId]: { readonly surface: Surface; readonly defaultPort: number } };

/** IdPs that are not OIDC providers, with their default ports. */
export const servers = Object.fromEntries(
  serverIds.map((id) => [id, { create: serverOf[id], defaultPort: idps[id].dev.idpPort }]),
) as {
  readonly [Id in ServerId]: {
    readonly create: typeof createDjangoSsoGateway;
    readonly defaultPort: number;
  };
};

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
