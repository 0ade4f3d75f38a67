import type { NextConfig } from "next";

const config: NextConfig = {
  // The shared packages are TypeScript source inside the workspace.
  transpilePackages: ["@idp-gallery/ui", "@idp-gallery/session", "@idp-gallery/api-client"],
  poweredByHeader: false,
};

export default config;
