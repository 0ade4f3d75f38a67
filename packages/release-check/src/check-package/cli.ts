// `idp-check-package`: packs the package in the current folder with pnpm (as a release would) and checks
// the tarball: its file list and manifest, publint --strict, and attw with the ESM-only profile.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binPath } from "../shared/bins.ts";
import { run } from "../shared/run.ts";
import { readManifest } from "../workspace.ts";
import { allowedFiles, checkPackedPackage, exportTargets } from "./pack-rules.ts";
import { pnpmPack, unpackTarball } from "./tarball.ts";

const packageDir = process.cwd();
const { name } = readManifest(packageDir);
const work = await mkdtemp(join(tmpdir(), "idp-check-package-"));
let failed = false;

try {
  const tarball = await pnpmPack(packageDir, work);
  const { manifest, files } = await unpackTarball(tarball, work);

  console.log(`${name}: ${files.length} files in the tarball`);
  for (const file of files) console.log(`  ${file.path}`);
  for (const rule of allowedFiles[name] ?? [])
    console.log(`  (allowed: ${rule.pattern.source} — ${rule.reason})`);

  const problems = checkPackedPackage(manifest, files);
  for (const problem of problems) console.error(`✗ ${problem}`);
  failed ||= problems.length > 0;
  if (problems.length === 0) console.log("✓ tarball contents and manifest");

  const publint = await run(process.execPath, [binPath("publint"), "run", tarball, "--strict"]);
  console.log(publint.stdout.trim(), publint.stderr.trim());
  failed ||= publint.code !== 0;

  // attw only judges JavaScript/TypeScript entry points; a CSS export has no types to resolve.
  const cssEntries = Object.entries((manifest.exports ?? {}) as Record<string, unknown>)
    .filter(([, target]) => exportTargets(target).every((file) => file.endsWith(".css")))
    .map(([subpath]) => subpath);
  const attwArgs = [tarball, "--profile", "esm-only", "--format", "table-flipped", "--no-color"];
  if (cssEntries.length > 0) attwArgs.push("--exclude-entrypoints", ...cssEntries);
  const attw = await run(process.execPath, [binPath("@arethetypeswrong/cli", "attw"), ...attwArgs]);
  console.log(attw.stdout.trim(), attw.stderr.trim());
  failed ||= attw.code !== 0;
} finally {
  await rm(work, { recursive: true, force: true });
}

console.log(failed ? `✗ ${name} is not ready to publish` : `✓ ${name} is ready to publish`);
process.exit(failed ? 1 : 0);
