import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run, runOrThrow } from "../shared/run.ts";
import { changedFilesSince, fileAt, resolveBase } from "./git.ts";

const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));
let repo = "";

const git = (...args: string[]) => runOrThrow("git", args, { cwd: repo });
async function write(path: string, text: string) {
  await mkdir(dirname(join(repo, path)), { recursive: true });
  await writeFile(join(repo, path), text);
}
const manifest = (version: string) =>
  JSON.stringify({ name: "@idp-gallery/ui", version, exports: { ".": "./src/index.ts" } });

// A tiny workspace: one published package, one private one, changesets configured for main.
beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), "changeset-check-"));
  await git("init", "--quiet", "--initial-branch=main");
  await git("config", "user.email", "test@example.com");
  await git("config", "user.name", "Test");
  await write("pnpm-workspace.yaml", "packages:\n  - packages/*\n");
  await write(".changeset/config.json", JSON.stringify({ baseBranch: "main" }));
  await write(".changeset/README.md", "# Changesets\n");
  await write("packages/ui/package.json", manifest("0.1.0"));
  await write("packages/ui/src/index.ts", "export const a = 1;\n");
  await write("packages/tool/package.json", JSON.stringify({ name: "tool", private: true }));
  await git("add", ".");
  await git("commit", "--quiet", "-m", "base");
});

afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

const check = (env: Record<string, string> = {}) =>
  run(process.execPath, [cli], { cwd: repo, env: { ...process.env, CHANGESET_BASE: "", ...env } });

describe("resolveBase", () => {
  it("has no base on main itself with no upstream ref", async () => {
    expect(await resolveBase(repo, "main", "")).toEqual({
      none: expect.stringContaining("no origin/main"),
    });
  });

  it("has no base outside a git work tree", async () => {
    expect(await resolveBase(tmpdir(), "main", "")).toEqual({
      none: "this is not a git work tree",
    });
  });

  it("uses the merge base with origin/main when there is one", async () => {
    const { stdout } = await git("rev-parse", "HEAD");
    await git("update-ref", "refs/remotes/origin/main", stdout.trim());
    await write("packages/ui/src/index.ts", "export const a = 2;\n");
    await git("commit", "--quiet", "-am", "change");
    expect(await resolveBase(repo, "main", "")).toEqual({
      sha: stdout.trim(),
      label: "origin/main",
    });
  });

  it("uses the merge base with the local main from another branch", async () => {
    const { stdout } = await git("rev-parse", "HEAD");
    await git("switch", "--quiet", "-c", "feature");
    expect(await resolveBase(repo, "main", "")).toEqual({ sha: stdout.trim(), label: "main" });
  });

  it("refuses an explicit base that does not exist", async () => {
    await expect(resolveBase(repo, "main", "no-such-ref")).rejects.toThrow("CHANGESET_BASE");
  });
});

describe("changedFilesSince", () => {
  it("lists committed, unstaged and untracked changes", async () => {
    const { stdout } = await git("rev-parse", "HEAD");
    await write("packages/ui/src/committed.ts", "");
    await git("add", ".");
    await git("commit", "--quiet", "-m", "more");
    await write("packages/ui/src/index.ts", "export const a = 3;\n");
    await write("packages/ui/src/untracked.ts", "");
    expect(await changedFilesSince(repo, stdout.trim())).toEqual([
      "packages/ui/src/committed.ts",
      "packages/ui/src/index.ts",
      "packages/ui/src/untracked.ts",
    ]);
    expect(await fileAt(repo, stdout.trim(), "packages/ui/src/index.ts")).toBe(
      "export const a = 1;",
    );
    expect(await fileAt(repo, stdout.trim(), "packages/ui/src/committed.ts")).toBeUndefined();
  });
});

describe("the check, end to end", () => {
  it("is a no-op with a clear message when there is no base", async () => {
    const result = await check();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("changeset check skipped: no origin/main");
  });

  it("fails for a changed published package, and passes once a changeset names it", async () => {
    await git("switch", "--quiet", "-c", "feature");
    await write("packages/ui/src/index.ts", "export const a = 4;\n");
    await write("packages/tool/index.js", "private packages need no changeset\n");
    const failing = await check();
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain("✗ @idp-gallery/ui changed since main");
    expect(failing.stderr).not.toContain("tool");

    await write(".changeset/brave-ui.md", '---\n"@idp-gallery/ui": patch\n---\n\nA fix.\n');
    const passing = await check();
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain("✓ changesets");
  });

  it("passes a version bump made by changeset version", async () => {
    await git("switch", "--quiet", "-c", "release");
    await write("packages/ui/package.json", manifest("0.2.0"));
    await write("packages/ui/CHANGELOG.md", "# @idp-gallery/ui\n\n## 0.2.0\n");
    expect((await check()).code).toBe(0);
  });

  it("compares against CHANGESET_BASE when set", async () => {
    await write("packages/ui/src/index.ts", "export const a = 5;\n");
    const result = await check({ CHANGESET_BASE: "HEAD" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("changed since HEAD");
  });
});
