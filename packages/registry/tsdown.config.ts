import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/idps.ts", "src/portal.ts"],
  format: "esm",
  // Plain data: no Node or browser API, so it loads anywhere.
  platform: "neutral",
  dts: true,
  // publishConfig points at dist/*.js and dist/*.d.ts, not the .mjs default.
  fixedExtension: false,
});
