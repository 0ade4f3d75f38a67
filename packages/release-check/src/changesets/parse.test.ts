import { describe, expect, it } from "vitest";
import { changesetPackages } from "./parse.ts";

describe("changesetPackages", () => {
  it("reads quoted and bare names with their bumps, blank lines included", () => {
    const text = `---

"@idp-gallery/session": minor
'@idp-gallery/ui': patch
plain-name: major
---

"@idp-gallery/not-front-matter": patch
`;
    expect(changesetPackages(text)).toEqual([
      "@idp-gallery/session",
      "@idp-gallery/ui",
      "plain-name",
    ]);
  });

  it("reads nothing from an empty changeset or a file without front matter", () => {
    expect(changesetPackages("---\n---\n\nNothing to release.\n")).toEqual([]);
    expect(changesetPackages("# Changesets\n\nRun pnpm changeset.\n")).toEqual([]);
  });

  it("handles Windows line endings", () => {
    expect(changesetPackages('---\r\n"@idp-gallery/ui": patch\r\n---\r\n')).toEqual([
      "@idp-gallery/ui",
    ]);
  });
});
