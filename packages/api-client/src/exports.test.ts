import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";

const packageDir = new URL("../", import.meta.url);
const srcDir = new URL("./", import.meta.url);

interface Manifest {
  exports: Record<string, string>;
  publishConfig: { exports: Record<string, unknown> };
}

const manifest = JSON.parse(readFileSync(new URL("package.json", packageDir), "utf8")) as Manifest;
// Subpaths that every client builds on; each other subpath is a protocol or an IdP.
const genericSubpaths = new Set(["./http", "./ca-trusting-fetch"]);
const vendorPrefixes = Object.keys(manifest.exports)
  .filter((subpath) => !genericSubpaths.has(subpath))
  .map((subpath) => subpath.slice("./".length));

const sourceModules = readdirSync(srcDir).filter(
  (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
);
const isVendorModule = (file: string) =>
  vendorPrefixes.some((prefix) => file === `${prefix}.ts` || file.startsWith(`${prefix}-`));
const genericModules = sourceModules.filter((file) => !isVendorModule(file));

/** Every module specifier of `import … from`, `export … from`, side-effect and dynamic imports. */
function importedSpecifiers(source: string): string[] {
  const pattern =
    /(?:^|[\s;])(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? "");
}

describe("package exports", () => {
  it("has the subpaths it documents and no root barrel", () => {
    expect(Object.keys(manifest.exports)).not.toContain(".");
    expect(existsSync(new URL("index.ts", srcDir))).toBe(false);
    for (const subpath of genericSubpaths) expect(manifest.exports).toHaveProperty([subpath]);
  });

  it("publishes every subpath as dist JavaScript with types, and nothing else", () => {
    expect(Object.keys(manifest.publishConfig.exports).sort()).toEqual(
      Object.keys(manifest.exports).sort(),
    );
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      expect(target, subpath).toMatch(/^\.\/src\/[a-z0-9-]+\.ts$/);
      expect(existsSync(new URL(target, packageDir)), `${target} exists`).toBe(true);
      const name = basename(target, ".ts");
      expect(manifest.publishConfig.exports[subpath], subpath).toEqual({
        types: `./dist/${name}.d.ts`,
        default: `./dist/${name}.js`,
      });
    }
  });

  it("builds every subpath with tsdown", () => {
    const config = readFileSync(new URL("tsdown.config.ts", packageDir), "utf8");
    for (const target of Object.values(manifest.exports)) {
      expect(config).toContain(`"${target.slice("./".length)}"`);
    }
  });
});

describe("generic modules", () => {
  it("are told apart from vendor modules", () => {
    expect(genericModules).toEqual(expect.arrayContaining(["errors.ts", "request-json.ts"]));
    expect(sourceModules.filter(isVendorModule)).toEqual(
      expect.arrayContaining(["django-sso-gateway.ts", "wso2-scim-me.ts", "oidc-discovery.ts"]),
    );
  });

  it("finds every kind of import in a module", () => {
    const source = [
      'import type { z } from "zod";',
      "import {\n  A,\n  type B,\n} from './errors.ts';",
      'export { c } from "./bearer.ts";',
      'import "./side-effect.ts";',
      'const lazy = await import("./lazy.ts");',
    ].join("\n");
    expect(importedSpecifiers(source)).toEqual([
      "zod",
      "./errors.ts",
      "./bearer.ts",
      "./side-effect.ts",
      "./lazy.ts",
    ]);
    const gateway = readFileSync(new URL("django-sso-gateway.ts", srcDir), "utf8");
    expect(importedSpecifiers(gateway)).toContain("./errors.ts");
  });

  it.each(genericModules)("%s imports no vendor module", (file) => {
    const source = readFileSync(new URL(file, srcDir), "utf8");
    const specifiers = importedSpecifiers(source);
    const vendorImports = specifiers.filter(
      (specifier) =>
        (specifier.startsWith("./") && isVendorModule(basename(specifier))) ||
        specifier.startsWith("@idp-gallery/api-client/"),
    );
    expect(vendorImports).toEqual([]);
  });
});
