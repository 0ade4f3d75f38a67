import { testTimeouts } from "@idp-gallery/test-processes/vitest";
import { defineConfig } from "vitest/config";

// Only the pure parts have unit tests; the bench itself runs through `pnpm bench`.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node", ...testTimeouts },
});
