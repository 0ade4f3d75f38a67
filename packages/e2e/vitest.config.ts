import { testTimeouts } from "@idp-gallery/test-processes/vitest";
import { defineConfig } from "vitest/config";

// Playwright specs (*.spec.ts) run through idp-gallery-e2e, not Vitest.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node", ...testTimeouts },
});
