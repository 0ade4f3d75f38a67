import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/postcss";
import postcss from "postcss";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppShell } from "./app-shell.tsx";
import { ClaimsTable } from "./claims-table.tsx";
import { ErrorPanel } from "./error-panel.tsx";
import { JsonPanel } from "./json-panel.tsx";
import { Notice } from "./notice.tsx";
import { ProfileCard } from "./profile-card.tsx";
import { SignInButton } from "./sign-in-button.tsx";
import { SignOutButton } from "./sign-out-button.tsx";
import { SignedOutHero } from "./signed-out-hero.tsx";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const action = async (_formData: FormData) => {};

// Classes are taken from rendered markup, not written here, since this file is itself scanned.
const markup = renderToStaticMarkup(
  <AppShell
    idpName="Okta"
    user={{ name: "A", email: "a@b" }}
    actions={<SignOutButton action={action} />}
  >
    <SignedOutHero idpName="Okta">
      <SignInButton action={action} idpName="Okta" />
    </SignedOutHero>
    <ProfileCard
      user={{ id: "1", name: "A", email: "a@b" }}
      idpName="Okta"
      expiresAt="2030-01-01"
    />
    <ClaimsTable caption="c" claims={{ exp: 1, s: "", n: null, o: {} }} />
    <JsonPanel title="j" data={{}} />
    <Notice tone="info" title="t">
      i
    </Notice>
    <Notice tone="warning">w</Notice>
    <ErrorPanel idpName="Okta" title="t" message="m" retryHref="/" code="c" />
  </AppShell>,
);
const packageClasses = [
  ...new Set([...markup.matchAll(/class="([^"]*)"/g)].flatMap((m) => (m[1] ?? "").split(/\s+/))),
].filter(Boolean);

// Built at runtime so the scan of this very file cannot produce it.
const appClass = ["tab", "4"].join("-");

const selector = (className: string) => `.${className.replace(/[^\w-]/g, "\\$&")}`;

let appDir = "";
let css = "";

beforeAll(async () => {
  // A stand-in app outside the package, linked the way pnpm links a workspace dependency.
  appDir = await mkdtemp(join(tmpdir(), "idp-gallery-app-"));
  await mkdir(join(appDir, "node_modules/@idp-gallery"), { recursive: true });
  await mkdir(join(appDir, "app"));
  await symlink(packageDir, join(appDir, "node_modules/@idp-gallery/ui"), "dir");
  await symlink(
    await realpath(join(packageDir, "node_modules/tailwindcss")),
    join(appDir, "node_modules/tailwindcss"),
    "dir",
  );
  await writeFile(
    join(appDir, "app/page.tsx"),
    `export default () => <p className="${appClass}" />;\n`,
  );
  const globals = '@import "tailwindcss";\n@import "@idp-gallery/ui/styles.css";\n';
  const from = join(appDir, "app/globals.css");
  await writeFile(from, globals);
  const result = await postcss([tailwindcss({ base: appDir, optimize: false })]).process(globals, {
    from,
  });
  css = result.css;
}, 30_000);

afterAll(async () => {
  if (appDir) await rm(appDir, { recursive: true, force: true });
});

describe("styles.css", () => {
  it("renders enough markup to be a meaningful check", () => {
    expect(packageClasses.length).toBeGreaterThan(50);
  });

  it("makes Tailwind generate every class the package renders, with no app paths into it", () => {
    const missing = packageClasses.filter((className) => !css.includes(selector(className)));
    expect(missing).toEqual([]);
  });

  it("still scans the app itself, and generates nothing unused", () => {
    expect(css).toContain(selector(appClass));
    expect(css).not.toContain(selector(["skew", "x", "13"].join("-")));
  });

  it("brings the theme and base styles", () => {
    expect(css).toMatch(/--color-accent/);
    expect(css).toContain("prefers-color-scheme: dark");
    expect(css).toContain(":focus-visible");
  });
});
