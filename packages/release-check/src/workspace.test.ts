import { describe, expect, it } from "vitest";
import { releaseCheckDir } from "./shared/bins.ts";
import {
  findRepoRoot,
  listWorkspacePackages,
  parseCatalog,
  parseWorkspaceGlobs,
  publishedPackages,
} from "./workspace.ts";

const yaml = `packages:
  - apps/*
  - "packages/*"

# comment
onlyBuiltDependencies:
  - node

overrides:
  "node-fetch@cjs": 2.7.0

catalog:
  "@auth/core": 0.41.3
  next: 16.4.6 # trailing comment
  'react': "19.3.1"
`;

describe("pnpm-workspace.yaml", () => {
  it("reads the package globs", () => {
    expect(parseWorkspaceGlobs(yaml)).toEqual(["apps/*", "packages/*"]);
  });

  it("reads the catalog, with or without quotes, and nothing from other blocks", () => {
    expect(parseCatalog(yaml)).toEqual({ "@auth/core": "0.41.3", next: "16.4.6", react: "19.3.1" });
  });
});

describe("this repository", () => {
  const root = findRepoRoot(releaseCheckDir);

  it("publishes only non-private packages under packages/, never apps or tooling", () => {
    const names = publishedPackages(root).map((pkg) => pkg.name);
    expect(names).toEqual(expect.arrayContaining(["@idp-gallery/ui", "@idp-gallery/session"]));
    for (const name of [
      "@idp-gallery/e2e",
      "@idp-gallery/django-idp",
      "@idp-gallery/release-check",
    ])
      expect(names).not.toContain(name);
    const apps = listWorkspacePackages(root).filter((pkg) => pkg.dir.startsWith("apps/"));
    for (const app of apps) expect(app.manifest.private, app.name).toBe(true);
  });

  it("depends on every published package, so turbo builds them before the round trip", () => {
    const own = listWorkspacePackages(root).find((pkg) => pkg.dir === "packages/release-check");
    for (const pkg of publishedPackages(root))
      expect(own?.manifest.devDependencies?.[pkg.name], pkg.name).toBe("workspace:*");
  });

  it("runs check:package for every published package", () => {
    for (const pkg of publishedPackages(root)) {
      const scripts = (pkg.manifest.scripts ?? {}) as Record<string, string>;
      expect(scripts["check:package"], pkg.name).toBe("idp-check-package");
    }
  });
});
