import { defineConfig } from "tsdown";

export default defineConfig({
  entry: [
    "src/index.ts",
    "src/control.ts",
    "src/fixtures.ts",
    "src/testing.ts",
    "src/cli.ts",
    "src/supervise-cli.ts",
    "src/serve.ts",
  ],
  format: "esm",
  platform: "node",
  target: "node22",
  dts: true,
  clean: true,
  // dist/*.js and dist/*.d.ts, as publishConfig.exports and bin/idp-emulator.js expect.
  fixedExtension: false,
});
