import { createGalleryAuth } from "@idp-gallery/session/authjs";
import { env } from "./env.ts";
import { idp } from "./idp.ts";

export const auth = createGalleryAuth({
  idp: idp.id,
  idpName: idp.name,
  provider: idp.provider,
  publicPaths: idp.publicPaths,
  appUrl: env.AUTH_URL,
  secret: env.AUTH_SECRET,
});
