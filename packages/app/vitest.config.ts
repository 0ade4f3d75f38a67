import { testTimeouts } from "@idp-gallery/test-processes/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { environment: "node", ...testTimeouts } });
