import { describe, expect, it } from "vitest";
import { affectsConsumers, findMissingChangesets, type PublishedPackageState } from "./check.ts";

const ui: PublishedPackageState = {
  name: "@idp-gallery/ui",
  dir: "packages/ui",
  version: "0.1.0",
  versionAtBase: "0.1.0",
};
const session: PublishedPackageState = {
  ...ui,
  name: "@idp-gallery/session",
  dir: "packages/session",
};

describe("findMissingChangesets", () => {
  it("flags a published package whose shipped files changed with no changeset", () => {
    const missing = findMissingChangesets({
      changedFiles: ["packages/ui/src/app-shell.tsx", "packages/ui/package.json", "README.md"],
      packages: [ui, session],
      covered: new Set(),
    });
    expect(missing).toEqual([
      {
        name: "@idp-gallery/ui",
        files: ["packages/ui/src/app-shell.tsx", "packages/ui/package.json"],
      },
    ]);
  });

  it("passes when a changeset names the package", () => {
    const input = { changedFiles: ["packages/ui/src/app-shell.tsx"], packages: [ui] };
    expect(findMissingChangesets({ ...input, covered: new Set(["@idp-gallery/ui"]) })).toEqual([]);
  });

  it("ignores changes that never reach consumers: tests, test helpers, vitest config", () => {
    const changedFiles = [
      "packages/ui/src/app-shell.test.tsx",
      "packages/ui/vitest.config.ts",
      "packages/ui/test/helpers.ts",
      "packages/ui/src/test-support/server.ts",
    ];
    expect(findMissingChangesets({ changedFiles, packages: [ui], covered: new Set() })).toEqual([]);
  });

  it("passes a release: the version moved because changeset version consumed the changesets", () => {
    const released = { ...ui, version: "0.2.0" };
    const changedFiles = ["packages/ui/package.json", "packages/ui/CHANGELOG.md"];
    expect(
      findMissingChangesets({ changedFiles, packages: [released], covered: new Set() }),
    ).toEqual([]);
  });

  it("flags a brand-new published package without a changeset", () => {
    const added = { ...ui, versionAtBase: undefined };
    const missing = findMissingChangesets({
      changedFiles: ["packages/ui/src/index.ts"],
      packages: [added],
      covered: new Set(),
    });
    expect(missing.map((entry) => entry.name)).toEqual(["@idp-gallery/ui"]);
  });

  it("does not confuse a folder with another that shares its prefix", () => {
    const changedFiles = ["packages/ui-kit/src/index.ts"];
    expect(findMissingChangesets({ changedFiles, packages: [ui], covered: new Set() })).toEqual([]);
  });
});

describe("affectsConsumers", () => {
  it.each([
    ["src/index.ts", true],
    ["tsdown.config.ts", true],
    ["README.md", true],
    ["fixtures/users.json", true],
    ["src/index.test.ts", false],
    ["contract/sign-in.spec.ts", false],
    ["CHANGELOG.md", false],
  ])("%s → %s", (path, expected) => {
    expect(affectsConsumers(path)).toBe(expected);
  });
});
