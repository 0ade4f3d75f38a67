import type { NextConfig } from "next";
import { securityHeaderRules } from "./security-headers.ts";

/** The Next.js config every gallery app uses as is (`next.config.ts` re-exports it). */
export const galleryNextConfig: NextConfig = {
  // The shared packages are TypeScript source inside the workspace.
  transpilePackages: [
    "@idp-gallery/app",
    "@idp-gallery/ui",
    "@idp-gallery/session",
    "@idp-gallery/api-client",
    "@idp-gallery/passkeys",
    "@idp-gallery/registry",
  ],
  poweredByHeader: false,
  // Answer `/sso/accept/`-style paths where an IdP calls them (django-sso does), without a 308.
  skipTrailingSlashRedirect: true,
  async headers() {
    return securityHeaderRules(process.env.AUTH_URL);
  },
};
