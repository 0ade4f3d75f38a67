// Fails when a published package changed since the base (origin/main's merge base) and no pending
// changeset in .changeset/ names it. With no base to compare to, says so and passes.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findRepoRoot, publishedPackages } from "../workspace.ts";
import { findMissingChangesets, type PublishedPackageState } from "./check.ts";
import { changedFilesSince, fileAt, resolveBase } from "./git.ts";
import { changesetPackages } from "./parse.ts";

const root = findRepoRoot(process.cwd());
const changesetDir = join(root, ".changeset");
const { baseBranch = "main" } = JSON.parse(
  readFileSync(join(changesetDir, "config.json"), "utf8"),
) as { baseBranch?: string };

const base = await resolveBase(root, baseBranch);
if ("none" in base) {
  console.log(`changeset check skipped: ${base.none}. Set CHANGESET_BASE=<ref> to compare.`);
  process.exit(0);
}

const covered = new Set(
  readdirSync(changesetDir)
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .flatMap((file) => changesetPackages(readFileSync(join(changesetDir, file), "utf8"))),
);

const packages: PublishedPackageState[] = [];
for (const pkg of publishedPackages(root)) {
  const before = await fileAt(root, base.sha, `${pkg.dir}/package.json`);
  const versionAtBase = before ? (JSON.parse(before) as { version?: string }).version : undefined;
  packages.push({ name: pkg.name, dir: pkg.dir, version: pkg.manifest.version, versionAtBase });
}

const changedFiles = await changedFilesSince(root, base.sha);
const missing = findMissingChangesets({ changedFiles, packages, covered });
const against = `${base.label} (${base.sha.slice(0, 8)})`;
if (missing.length === 0) {
  console.log(`✓ changesets: every published package changed since ${against} has a changeset`);
  process.exit(0);
}
for (const { name, files } of missing) {
  const shown =
    files.slice(0, 5).join(", ") + (files.length > 5 ? `, and ${files.length - 5} more` : "");
  console.error(`✗ ${name} changed since ${against} (${shown}) but no .changeset/*.md names it`);
}
console.error("Run `pnpm changeset` and describe the change for the package's users.");
process.exit(1);
