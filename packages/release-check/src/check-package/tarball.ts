import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { cleanEnv, runOrThrow } from "../shared/run.ts";
import type { PackageManifest } from "../workspace.ts";
import type { PackedFile } from "./pack-rules.ts";

const maxScannedBytes = 1024 * 1024;

/** `pnpm pack` (which applies publishConfig and rewrites workspace:/catalog:), into `destination`. */
export async function pnpmPack(packageDir: string, destination: string): Promise<string> {
  const { stdout } = await runOrThrow(
    "pnpm",
    ["pack", "--json", "--pack-destination", destination],
    { cwd: packageDir, env: cleanEnv() },
  );
  const { filename } = JSON.parse(stdout.slice(stdout.indexOf("{"))) as { filename: string };
  return filename;
}

export interface UnpackedTarball {
  manifest: PackageManifest;
  files: PackedFile[];
  /** The extracted `package/` folder. */
  dir: string;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    ),
  );
  return nested.flat();
}

/** Extracts a tarball into `into` and reads what a consumer would get: the manifest and every file. */
export async function unpackTarball(tarball: string, into: string): Promise<UnpackedTarball> {
  await runOrThrow("tar", ["-xzf", tarball, "-C", into]);
  const dir = join(into, "package");
  const files: PackedFile[] = [];
  for (const file of (await walk(dir)).sort()) {
    const path = relative(dir, file).split(sep).join("/");
    const size = (await stat(file)).size;
    const buffer = size <= maxScannedBytes ? await readFile(file) : undefined;
    const text = buffer && !buffer.includes(0) ? buffer.toString("utf8") : undefined;
    files.push({ path, text });
  }
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as PackageManifest;
  return { manifest, files, dir };
}
