import { join, resolve } from "node:path";
import { idpList, idps } from "@idp-gallery/registry/idps";
import { portal } from "@idp-gallery/registry/portal";
import { type E2eTarget, getTarget } from "./targets.ts";

/** Every app of the registry side by side, each against its emulator: one instance each, on its first e2e port. */
export const galleryTargets: E2eTarget[] = idpList.map((idp) => getTarget(idp.id));

const repoRoot = resolve(import.meta.dirname, "..", "..", "..");

/** A target's app folder (the registry's `app.dir`). */
export const appDirOf = (target: E2eTarget) => join(repoRoot, idps[target.idp].app.dir);

export const portalDir = join(repoRoot, portal.app.dir);

export const galleryOrigin = (target: E2eTarget) => `http://localhost:${target.appPorts[0]}`;

/** Where the gallery run serves the portal. */
export const PORTAL_PORT = portal.e2e.galleryPort;

/** The portal's env for the gallery run: every card checks the app and IdP running beside it. */
export function portalEnv(): Record<string, string> {
  const key = (idp: string, name: string) =>
    `PORTAL_${idp.toUpperCase().replace(/-/g, "_")}_${name}`;
  return Object.fromEntries(
    galleryTargets.flatMap((target) => [
      [key(target.idp, "APP_URL"), galleryOrigin(target)],
      [key(target.idp, "IDP_HEALTH_URL"), target.idpServer.healthUrl],
      [key(target.idp, "IDP_URL"), target.idpServer.origin],
    ]),
  );
}
