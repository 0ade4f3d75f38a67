import { createMeHandler, normalizeSession } from "@idp-gallery/session";
import { claims, expiresAt } from "../../session-data";

export const GET = createMeHandler(async () =>
  normalizeSession({ idp: "django-oidc", claims, expiresAt }),
);
