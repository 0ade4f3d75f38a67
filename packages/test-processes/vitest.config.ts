import { defineConfig } from "vitest/config";
import { testTimeouts } from "./src/vitest.ts";

export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node", ...testTimeouts },
});
