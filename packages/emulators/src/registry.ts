import type { Surface } from "./core/types.ts";
import { djangoOidc } from "./surfaces/django-oidc.ts";

/** The one place that lists IdP surfaces and their default ports; add new IdPs here. */
export const registry = {
  "django-oidc": { surface: djangoOidc, defaultPort: 8000 },
} as const satisfies Record<string, { surface: Surface; defaultPort: number }>;

export type IdpId = keyof typeof registry;

export const idpIds = Object.keys(registry) as IdpId[];

export const surfaces = Object.fromEntries(
  idpIds.map((id) => [id, registry[id].surface]),
) as Record<IdpId, Surface>;

export function isIdpId(id: string): id is IdpId {
  return Object.hasOwn(registry, id);
}

export function getSurface(id: string): Surface {
  if (!isIdpId(id)) throw new Error(`Unknown IdP "${id}". Known: ${idpIds.join(", ")}`);
  return registry[id].surface;
}

export function defaultPort(id: IdpId): number {
  return registry[id].defaultPort;
}
