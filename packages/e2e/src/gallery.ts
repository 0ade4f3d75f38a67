import { resolve } from "node:path";
import { type E2eTarget, getTarget } from "./targets.ts";

/** The five apps side by side, each against its emulator: one instance each, on its first e2e port. */
export const galleryTargets: E2eTarget[] = [
  "wso2",
  "beyond-identity",
  "django-oidc",
  "logto",
  "django-sso",
].map(getTarget);

export const appsDir = resolve(import.meta.dirname, "..", "..", "..", "apps");

export const galleryOrigin = (target: E2eTarget) => `http://localhost:${target.appPorts[0]}`;

/** Where the gallery run serves the portal. */
export const PORTAL_PORT = 4009;

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
