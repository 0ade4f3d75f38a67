import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/gallery-app.tsx", "src/next-config.ts"],
  format: "esm",
  platform: "neutral",
  dts: true,
  deps: { neverBundle: [/^react(-dom)?(\/|$)/, /^next(\/|$)/, /^@idp-gallery\//] },
});
