import type { NextConfig } from "next";

const config: NextConfig = {
  // The shared packages are TypeScript source inside the workspace.
  transpilePackages: ["@idp-gallery/ui", "@idp-gallery/session", "@idp-gallery/api-client"],
  poweredByHeader: false,
  // django-sso calls {base_url}/sso/event/ and /sso/accept/ with the slash; answer there, no 308.
  skipTrailingSlashRedirect: true,
};

export default config;
