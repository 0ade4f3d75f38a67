import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts", "src/client.ts"],
  format: "esm",
  platform: "neutral",
  dts: true,
  deps: { neverBundle: [/^react(-dom)?(\/|$)/, /^next(\/|$)/] },
  copy: [{ from: "src/styles.css", to: "dist" }],
});
