import { describe, expect, it } from "vitest";
import type { PackageManifest } from "../workspace.ts";
import { checkPackedPackage, exportTargets, type PackedFile } from "./pack-rules.ts";

const manifest: PackageManifest = {
  name: "@idp-gallery/example",
  version: "1.0.0",
  exports: {
    ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
    "./styles.css": "./dist/styles.css",
  },
  dependencies: { zod: "4.6.7" },
  peerDependencies: { react: "^19.0.0" },
};

const files = (...paths: string[]): PackedFile[] => paths.map((path) => ({ path, text: "" }));
const good = files(
  "package.json",
  "README.md",
  "dist/index.js",
  "dist/index.d.ts",
  "dist/styles.css",
);

describe("checkPackedPackage", () => {
  it("accepts a package that ships dist, its manifest and README", () => {
    expect(checkPackedPackage(manifest, good)).toEqual([]);
  });

  it.each([
    ["dist/format.test.js", "a test"],
    ["src/index.ts", "TypeScript source"],
    [".env.local", "an env file"],
    [".data/django-oidc/keys.json", "runtime data"],
    ["test/helpers.js", "test code"],
    ["fixtures/clients.json", "a fixture"],
    ["certs/server.pem", "key material"],
    ["tsconfig.json", "build or test config"],
    ["vitest.config.ts", "build or test config"],
    ["tsconfig.tsbuildinfo", "a build cache"],
  ])("refuses %s (%s)", (path, what) => {
    const problems = checkPackedPackage(manifest, [...good, ...files(path)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(path);
    expect(problems[0]).toContain(what);
  });

  it("lets a package ship files it is explicitly allowed to, and only that package", () => {
    const emulators = { ...manifest, name: "@idp-gallery/emulators" };
    const withFixtures = [...good, ...files("fixtures/users.json", "fixtures/clients.json")];
    expect(checkPackedPackage(emulators, withFixtures)).toEqual([]);
    expect(checkPackedPackage(manifest, withFixtures)).toHaveLength(2);
  });

  it.each([
    ["-----BEGIN PRIVATE KEY-----\nMIIE...", "a PEM private key"],
    ['{"kty":"RSA","n":"abc","d":"c2VjcmV0LXByaXZhdGUtZXhwb25lbnQ"}', "a private JWK"],
    ["AUTH_SECRET=abc123\n", "an env-style secret"],
  ])("refuses secret content: %s", (text, what) => {
    const problems = checkPackedPackage(manifest, [...good, { path: "dist/data.js", text }]);
    expect(problems).toEqual([expect.stringContaining(what)]);
  });

  it("does not mistake code that mentions secrets for a secret", () => {
    const text = 'const body = { client_secret: options.clientSecret }; // "d" is set elsewhere';
    expect(checkPackedPackage(manifest, [...good, { path: "dist/x.js", text }])).toEqual([]);
  });

  it("requires the README and every exports and bin target", () => {
    const withBin = { ...manifest, bin: { tool: "./bin/tool.js" } };
    const problems = checkPackedPackage(withBin, files("package.json", "dist/index.js"));
    expect(problems).toEqual([
      "README.md is missing from the tarball",
      "exports target ./dist/index.d.ts is not in the tarball",
      "exports target ./dist/styles.css is not in the tarball",
      "bin ./bin/tool.js is not in the tarball",
    ]);
  });

  it("matches wildcard exports against the files", () => {
    const wildcard = { ...manifest, exports: { "./*": "./dist/*.js" } };
    expect(checkPackedPackage(wildcard, good)).toEqual([]);
    expect(checkPackedPackage(wildcard, files("package.json", "README.md"))).toHaveLength(1);
  });

  it("refuses exports that still point at the workspace's TypeScript source", () => {
    const source = { ...manifest, exports: { ".": "./src/index.ts" } };
    expect(checkPackedPackage(source, good)).toEqual([
      expect.stringContaining("publishConfig.exports missing?"),
    ]);
  });

  it("refuses workspace-only specifiers and exact peer pins", () => {
    const leaky = {
      ...manifest,
      dependencies: { "@idp-gallery/api-client": "workspace:*", zod: "catalog:" },
      peerDependencies: { next: "16.4.6", "next-auth": "5.0.0-beta.32", react: "^19.0.0" },
    };
    expect(checkPackedPackage(leaky, good)).toEqual([
      expect.stringContaining("dependencies.@idp-gallery/api-client"),
      expect.stringContaining("dependencies.zod"),
      expect.stringContaining("peerDependencies.next is pinned"),
      expect.stringContaining("peerDependencies.next-auth is pinned"),
    ]);
  });

  it("requires the ui client entry's \"use client\" and the stylesheet's @source", () => {
    const ui = { ...manifest, name: "@idp-gallery/ui" };
    const built = (client: string, css: string) => [
      ...good.filter((file) => file.path !== "dist/styles.css"),
      { path: "dist/client.js", text: client },
      { path: "dist/styles.css", text: css },
    ];
    const css = '/* why */\n@source "./";\n@theme {}\n';
    expect(checkPackedPackage(ui, built('"use client";\nimport "x";', css))).toEqual([]);
    expect(checkPackedPackage(ui, built('import "x";\n"use client";', "@theme {}"))).toEqual([
      expect.stringContaining('dist/client.js must start with "use client"'),
      expect.stringContaining("dist/styles.css must keep @source"),
    ]);
  });

  it("lets the emulator ship development client secrets only", () => {
    const emulators = { ...manifest, name: "@idp-gallery/emulators" };
    const clients = (secret: string) => [
      ...good,
      { path: "fixtures/users.json", text: "{}" },
      {
        path: "fixtures/clients.json",
        text: `{"a":{"clientSecret":"dev-only-1"},"b":{"clientSecret":"${secret}"}}`,
      },
    ];
    expect(checkPackedPackage(emulators, clients("dev-only-2"))).toEqual([]);
    expect(checkPackedPackage(emulators, clients("s3cr3t"))).toEqual([
      expect.stringContaining("every clientSecret must start with dev-only-"),
    ]);
  });

  it("refuses a private package", () => {
    expect(checkPackedPackage({ ...manifest, private: true }, good)).toEqual([
      "package.json says private: true",
    ]);
  });
});

describe("exportTargets", () => {
  it("flattens subpaths, conditions and fallbacks", () => {
    expect(
      exportTargets({ ".": { types: "./a.d.ts", default: "./a.js" }, "./b": ["./b.js", "./c.js"] }),
    ).toEqual(["./a.d.ts", "./a.js", "./b.js", "./c.js"]);
  });
});
