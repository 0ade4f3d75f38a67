import type { NextConfig } from "next";

const config: NextConfig = {
  // The shared packages are TypeScript source inside the workspace (e2e: only its facts schema).
  transpilePackages: ["@idp-gallery/ui", "@idp-gallery/e2e", "@idp-gallery/registry"],
  poweredByHeader: false,
};

export default config;
