import { createGalleryApp } from "@idp-gallery/app";
import { idp } from "./idp.ts";

// The app's pages and shared routes, built from its IdP definition; each file under app/ re-exports one.
export const gallery = createGalleryApp(idp);
