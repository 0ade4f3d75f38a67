import { defineConfig } from "tsdown";

export default defineConfig({
  entry: [
    "src/index.ts",
    "src/authjs.ts",
    "src/logto.ts",
    "src/redirect.ts",
    "src/production-guard.ts",
  ],
  format: "esm",
  dts: true,
  platform: "node",
  fixedExtension: false,
  deps: {
    neverBundle: [
      "zod",
      "next",
      "next-auth",
      "react",
      "@idp-gallery/api-client",
      "@idp-gallery/registry",
      "@redis/client",
      "@logto/next",
      "@logto/node",
    ],
  },
});
