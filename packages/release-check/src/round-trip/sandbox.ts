import { appendFile, cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { cleanEnv, runOrThrow } from "../shared/run.ts";
import { dependencyFields, listWorkspacePackages, readManifest } from "../workspace.ts";

// Build output and local state that never belong in a release.
const skipped = new Set([
  "node_modules",
  ".turbo",
  ".next",
  ".data",
  "test-results",
  "playwright-report",
  "coverage",
]);

export interface Release {
  name: string;
  version: string;
  dir: string;
}

/**
 * A copy of the repo with what a release reads: every workspace manifest, .changeset/, .npmrc, and
 * the published packages' folders (with their built dist/). Versioning and publishing happen here, so
 * the repo's own versions and changesets are never touched.
 */
export async function createReleaseSandbox(repoRoot: string, sandbox: string): Promise<void> {
  for (const file of ["package.json", "pnpm-workspace.yaml", ".npmrc"]) {
    await cp(join(repoRoot, file), join(sandbox, file)).catch((error: NodeJS.ErrnoException) => {
      if (file !== ".npmrc" || error.code !== "ENOENT") throw error;
    });
  }
  await cp(join(repoRoot, ".changeset"), join(sandbox, ".changeset"), { recursive: true });
  const packages = listWorkspacePackages(repoRoot);
  for (const pkg of packages) {
    const from = join(repoRoot, pkg.dir);
    const to = join(sandbox, pkg.dir);
    if (pkg.dir.startsWith("packages/") && !pkg.manifest.private) {
      await cp(from, to, { recursive: true, filter: (source) => !skipped.has(basename(source)) });
    } else {
      await mkdir(to, { recursive: true });
      await cp(join(from, "package.json"), join(to, "package.json"));
    }
  }
  // pnpm pack rewrites `workspace:` from the linked dependency's manifest, so link the sandbox's own.
  const dirs = new Map(packages.map((pkg) => [pkg.name, pkg.dir]));
  for (const pkg of packages) {
    for (const field of dependencyFields) {
      for (const [name, spec] of Object.entries(pkg.manifest[field] ?? {})) {
        const target = dirs.get(name);
        if (!spec.startsWith("workspace:") || !target) continue;
        const link = join(sandbox, pkg.dir, "node_modules", name);
        await mkdir(dirname(link), { recursive: true });
        // A dependency listed twice (say in dependencies and peerDependencies) is linked once.
        await symlink(join(sandbox, target), link, "dir").catch((error: NodeJS.ErrnoException) => {
          if (error.code !== "EEXIST") throw error;
        });
      }
    }
  }
  // changeset version resolves its changelog module from .changeset/.
  await mkdir(join(sandbox, "node_modules/@changesets"), { recursive: true });
  await symlink(
    join(repoRoot, "node_modules/@changesets/cli"),
    join(sandbox, "node_modules/@changesets/cli"),
    "dir",
  );
}

const changesetBin = (repoRoot: string) => join(repoRoot, "node_modules/@changesets/cli/bin.js");

/**
 * `changeset version --snapshot <tag>` in the sandbox, after a changeset that bumps every published
 * package (so it works with or without pending changesets). Returns what would be published.
 */
export async function versionSnapshot(
  repoRoot: string,
  sandbox: string,
  tag: string,
): Promise<Release[]> {
  const published = listWorkspacePackages(sandbox).filter(
    (pkg) => pkg.dir.startsWith("packages/") && !pkg.manifest.private,
  );
  const frontMatter = published.map((pkg) => `"${pkg.name}": patch`).join("\n");
  await writeFile(
    join(sandbox, ".changeset", `${tag}.md`),
    `---\n${frontMatter}\n---\n\nRound trip through a local registry.\n`,
  );
  await runOrThrow(process.execPath, [changesetBin(repoRoot), "version", "--snapshot", tag], {
    cwd: sandbox,
    env: cleanEnv(),
  });
  return published.map((pkg) => ({
    name: pkg.name,
    dir: pkg.dir,
    version: readManifest(join(sandbox, pkg.dir)).version,
  }));
}

/**
 * Points the sandbox's .npmrc at the registry for our scope only, then runs `changeset publish`. npm
 * (behind pnpm publish) refuses to publish with no token at all; Verdaccio takes this one as anonymous.
 */
export async function publishSnapshot(
  repoRoot: string,
  sandbox: string,
  registry: { url: string; host: string },
  tag: string,
): Promise<string> {
  const npmrc = join(sandbox, ".npmrc");
  const existing = await readFile(npmrc, "utf8").catch(() => "");
  await appendFile(
    npmrc,
    `${existing.endsWith("\n") || !existing ? "" : "\n"}@idp-gallery:registry=${registry.url}\n//${registry.host}/:_authToken=round-trip-anonymous\n`,
  );
  const { stdout, stderr } = await runOrThrow(
    process.execPath,
    [changesetBin(repoRoot), "publish", "--tag", tag, "--no-git-tag"],
    { cwd: sandbox, env: cleanEnv() },
  );
  return `${stdout}\n${stderr}`;
}
