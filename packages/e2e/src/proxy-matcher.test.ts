import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { idpList } from "@idp-gallery/registry/idps";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";

const repoRoot = join(import.meta.dirname, "..", "..", "..");

// Next reads `config.matcher` statically from each app's src/proxy.ts, so the test reads it the same way.
async function matcherOf(app: string): Promise<string[]> {
  const source = await readFile(join(repoRoot, "apps", app, "src", "proxy.ts"), "utf8");
  const literal = /matcher:\s*(\[[^\]]*\])/.exec(source)?.[1];
  if (!literal) throw new Error(`apps/${app}/src/proxy.ts has no matcher`);
  return JSON.parse(literal) as string[];
}

describe.each(idpList.map((idp) => idp.id))("the proxy of %s", (app) => {
  const runs = async (path: string) =>
    unstable_doesMiddlewareMatch({
      config: { matcher: await matcherOf(app) },
      url: `http://localhost${path}`,
    });

  it.each([
    "/protected",
    "/_next/staticfoo",
    "/_next/static-secrets",
    "/_next/imagex",
    "/_next/image/../protected",
    "/favicon.ico.txt",
    "/favicon.icox",
    "/faviconxico",
    "/api/me",
  ])("runs for %s", async (path) => {
    expect(await runs(path)).toBe(true);
  });

  it.each(["/_next/static/chunks/app.js", "/_next/image", "/favicon.ico"])(
    "lets Next's own asset %s through without it",
    async (path) => {
      expect(await runs(path)).toBe(false);
    },
  );
});
