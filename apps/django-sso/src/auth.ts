import { createGalleryAuth } from "@idp-gallery/session/authjs";
import { env } from "./env.ts";
import { idp } from "./idp.ts";

export const auth = createGalleryAuth({
  idp: idp.id,
  idpName: idp.name,
  provider: idp.provider,
  // A Credentials provider: the app starts sign-in and logs out at the gateway itself.
  signInStart: idp.signInStart,
  idpLogout: idp.idpLogout,
  revocation: idp.revocation,
  publicPaths: idp.publicPaths,
  appUrl: env.AUTH_URL,
  secret: env.AUTH_SECRET,
});
