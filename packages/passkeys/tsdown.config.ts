import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts"],
  format: "esm",
  platform: "browser",
  dts: true,
  fixedExtension: false,
  // The SDK (5.7 MB with its WebAssembly core) stays a dependency, loaded only when chosen.
  deps: { neverBundle: ["zod", "@beyondidentity/bi-sdk-js", "@simplewebauthn/browser", "jose"] },
});
