import { describe, expect, it } from "vitest";
import { consumerManifest, consumerNpmrc } from "./consumer.ts";
import { verdaccioConfig } from "./registry.ts";

const catalog = {
  next: "16.4.6",
  react: "19.3.1",
  "react-dom": "19.3.1",
  "@tailwindcss/postcss": "4.3.5",
  "@types/node": "22.20.5",
  "@types/react": "19.3.0",
  "@types/react-dom": "19.3.0",
  postcss: "8.5.33",
  tailwindcss: "4.3.5",
  typescript: "5.9.3",
};
const releases = [{ name: "@idp-gallery/ui", version: "0.0.0-round-trip-1", dir: "packages/ui" }];

describe("the consumer app", () => {
  it("pins our snapshots and the catalog's exact versions", () => {
    const manifest = consumerManifest(catalog, releases);
    expect(manifest.dependencies).toEqual({
      "@idp-gallery/ui": "0.0.0-round-trip-1",
      next: "16.4.6",
      react: "19.3.1",
      "react-dom": "19.3.1",
    });
    expect(manifest.devDependencies.tailwindcss).toBe("4.3.5");
  });

  it("fails when the catalog lacks a version it needs", () => {
    const { next: _, ...withoutNext } = catalog;
    expect(() => consumerManifest(withoutNext, releases)).toThrow("no next");
  });

  it("sends only our scope to the local registry", () => {
    const npmrc = consumerNpmrc("http://127.0.0.1:4873/");
    expect(npmrc).toContain("@idp-gallery:registry=http://127.0.0.1:4873/");
    expect(npmrc).not.toMatch(/^registry=/m);
  });
});

describe("the local registry", () => {
  it("has no uplinks, so it never reaches the network, and lets anyone publish our scope", () => {
    const config = verdaccioConfig("/tmp/storage");
    expect(config).toContain("uplinks: {}");
    expect(config).not.toContain("proxy:");
    expect(config).toMatch(/"@idp-gallery\/\*":\n\s+access: \$all\n\s+publish: \$all/);
  });
});
