import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  files?: string[];
  bin?: string | Record<string, string>;
  exports?: unknown;
  publishConfig?: { exports?: unknown; [key: string]: unknown };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export interface WorkspacePackage {
  name: string;
  /** Folder relative to the repo root, with forward slashes (`packages/ui`). */
  dir: string;
  manifest: PackageManifest;
}

export const dependencyFields = [
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "optionalDependencies",
] as const;

/** The folder holding pnpm-workspace.yaml, walking up from `from`. */
export function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Top-level block `key:` of a flat YAML file, one `- item` or `name: value` per line. */
function yamlBlock(text: string, key: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trimEnd() === `${key}:`);
  if (start === -1) return [];
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const content = line.replace(/#.*$/, "").trim();
    if (content) body.push(content);
  }
  return body;
}

const unquote = (value: string) => value.trim().replace(/^(["'])(.*)\1$/, "$2");

/** The `packages:` globs of pnpm-workspace.yaml (this repo only uses `dir/*`). */
export function parseWorkspaceGlobs(yaml: string): string[] {
  return yamlBlock(yaml, "packages").map((line) => unquote(line.replace(/^-\s*/, "")));
}

/** The default `catalog:` of pnpm-workspace.yaml: dependency name → exact version. */
export function parseCatalog(yaml: string): Record<string, string> {
  const catalog: Record<string, string> = {};
  for (const line of yamlBlock(yaml, "catalog")) {
    const match = /^("[^"]+"|'[^']+'|[^:\s]+):\s*(.+)$/.exec(line);
    if (match?.[1] && match[2]) catalog[unquote(match[1])] = unquote(match[2]);
  }
  return catalog;
}

export function readManifest(dir: string): PackageManifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageManifest;
}

export function readWorkspaceYaml(root: string): string {
  return readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
}

/** Every workspace project but the root, in folder order. */
export function listWorkspacePackages(root: string): WorkspacePackage[] {
  const packages: WorkspacePackage[] = [];
  for (const glob of parseWorkspaceGlobs(readWorkspaceYaml(root))) {
    if (!glob.endsWith("/*")) throw new Error(`Unsupported workspace glob "${glob}"`);
    const parent = glob.slice(0, -2);
    if (!existsSync(join(root, parent))) continue;
    for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
      const dir = `${parent}/${entry.name}`;
      if (!entry.isDirectory() || !existsSync(join(root, dir, "package.json"))) continue;
      const manifest = readManifest(join(root, dir));
      packages.push({ name: manifest.name, dir, manifest });
    }
  }
  return packages.sort((a, b) => a.dir.localeCompare(b.dir));
}

/** The packages that go to the registry: every non-private project under `packages/`. */
export function publishedPackages(root: string): WorkspacePackage[] {
  return listWorkspacePackages(root).filter(
    (pkg) => pkg.dir.startsWith("packages/") && !pkg.manifest.private,
  );
}
