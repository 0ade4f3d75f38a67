import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { releaseCheckDir } from "../shared/bins.ts";
import {
  appOnlyClass,
  checkCss,
  checkMe,
  checkPage,
  expectedSession,
  stylesheetHrefs,
  uiOnlyClass,
} from "./assertions.ts";
import { templateDir } from "./consumer.ts";

const goodPage = `<html><head>
<link rel="preload" href="/_next/static/font.woff2" as="font"/>
<link rel="stylesheet" href="/_next/static/chunks/a.css?v=1&amp;x=2" data-precedence="next"/>
</head><body>
<a data-testid="app-title"><span>Round Trip IdP</span></a>
<section data-testid="profile-card"><h2 data-testid="profile-name">Ada Lovelace</h2></section>
<table data-testid="claims-table"><tr data-claim="email"></tr></table>
<button data-testid="sign-in"><span>Sign in with Round Trip IdP</span></button>
<p data-testid="safe-redirects">/protected?tab=claims | /</p>
</body></html>`;

describe("checkPage", () => {
  it("accepts a page with every component's output", () => {
    expect(checkPage(goodPage)).toEqual([]);
  });

  it("names what is missing", () => {
    const page = goodPage.replace('data-testid="sign-in"', "").replace("| /<", "| https://evil/<");
    expect(checkPage(page)).toEqual([
      expect.stringContaining("SignInButton from @idp-gallery/ui/client"),
      expect.stringContaining("safeRedirectPath"),
    ]);
  });
});

describe("stylesheetHrefs", () => {
  it("returns stylesheet links only, unescaped", () => {
    expect(stylesheetHrefs(goodPage)).toEqual(["/_next/static/chunks/a.css?v=1&x=2"]);
  });
});

describe("checkCss", () => {
  const css = `:root{--idp-accent:oklch(0.5 0.2 270)}.${uiOnlyClass}{background-color:var(--idp-accent-soft)}.${appOnlyClass}{letter-spacing:.1em}`;

  it("accepts CSS with the package's class, the app's class and the theme", () => {
    expect(checkCss(css)).toEqual([]);
  });

  it("fails when Tailwind did not scan the package", () => {
    expect(checkCss(css.replace(`.${uiOnlyClass}{`, ".other{"))).toEqual([
      expect.stringContaining("did not scan @idp-gallery/ui"),
    ]);
  });

  it("does not take a longer class name for the one it looks for", () => {
    expect(checkCss(css.replace(`.${uiOnlyClass}{`, `.${uiOnlyClass}-x{`))).toHaveLength(1);
  });

  it("fails without the theme of styles.css", () => {
    expect(checkCss(css.replace("--idp-accent:", "--x:"))).toEqual([
      expect.stringContaining("theme variables"),
    ]);
  });
});

describe("checkMe", () => {
  const json = new Headers({ "content-type": "application/json", "cache-control": "no-store" });

  it("accepts the normalized session, uncached", () => {
    expect(checkMe(200, json, expectedSession)).toEqual([]);
  });

  it("refuses another shape, status or caching", () => {
    const problems = checkMe(401, new Headers({ "content-type": "application/json" }), {
      error: "unauthenticated",
    });
    expect(problems).toHaveLength(3);
  });
});

describe("the class checks prove what they claim", () => {
  async function filesUnder(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  }

  it(`only @idp-gallery/ui uses ${uiOnlyClass}; only the consumer app uses ${appOnlyClass}`, async () => {
    const template = await Promise.all(
      (await filesUnder(templateDir)).map((f) => readFile(f, "utf8")),
    );
    expect(template.some((text) => text.includes(uiOnlyClass))).toBe(false);
    expect(template.some((text) => text.includes(appOnlyClass))).toBe(true);
    const uiSource = join(releaseCheckDir, "node_modules/@idp-gallery/ui/src");
    const ui = await Promise.all((await filesUnder(uiSource)).map((f) => readFile(f, "utf8")));
    expect(ui.some((text) => text.includes(uiOnlyClass))).toBe(true);
    expect(ui.some((text) => text.includes(appOnlyClass))).toBe(false);
  });
});
