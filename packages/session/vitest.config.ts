import { testTimeouts } from "@idp-gallery/test-processes/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    ...testTimeouts,
    // next-auth imports `next/server` without an extension, which Node's ESM loader refuses;
    // inlined, Vite resolves it as Next.js's bundler does.
    server: { deps: { inline: ["next-auth"] } },
  },
});
