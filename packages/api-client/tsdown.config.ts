import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts"],
  format: "esm",
  platform: "node",
  dts: true,
  // publishConfig points at dist/index.js and dist/index.d.ts, not the .mjs default for node.
  fixedExtension: false,
  // Consumers bring their own zod so schemas and instanceof checks line up.
  deps: { neverBundle: ["zod"] },
});
