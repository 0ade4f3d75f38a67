import type { NextConfig } from "next";

const config: NextConfig = {
  // The shared packages are TypeScript source inside the workspace.
  transpilePackages: [
    "@idp-gallery/ui",
    "@idp-gallery/session",
    "@idp-gallery/api-client",
    "@idp-gallery/passkeys",
  ],
  poweredByHeader: false,
};

export default config;
