import { galleryNextConfig } from "@idp-gallery/app/next-config";

export default galleryNextConfig;
