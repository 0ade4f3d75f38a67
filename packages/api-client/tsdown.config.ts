import { defineConfig } from "tsdown";

export default defineConfig({
  // One entry per subpath in package.json's exports; shared code lands in common chunks.
  entry: [
    "src/http.ts",
    "src/ca-trusting-fetch.ts",
    "src/oidc.ts",
    "src/wso2-scim-me.ts",
    "src/beyond-identity-management.ts",
    "src/django-sso-gateway.ts",
  ],
  format: "esm",
  platform: "node",
  dts: true,
  // publishConfig points at dist/*.js and dist/*.d.ts, not the .mjs default for node.
  fixedExtension: false,
  // Consumers bring their own zod so schemas and instanceof checks line up.
  deps: { neverBundle: ["zod"] },
});
