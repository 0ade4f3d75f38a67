import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { releaseCheckDir } from "../shared/bins.ts";
import { cleanEnv, runOrThrow } from "../shared/run.ts";
import { parseCatalog, readWorkspaceYaml } from "../workspace.ts";
import type { Release } from "./sandbox.ts";

export const templateDir = join(releaseCheckDir, "consumer-app");

const fromCatalog = {
  dependencies: ["next", "react", "react-dom"],
  devDependencies: [
    "@tailwindcss/postcss",
    "@types/node",
    "@types/react",
    "@types/react-dom",
    "postcss",
    "tailwindcss",
    "typescript",
  ],
};

/** The consumer's package.json: our snapshot releases, and the catalog's exact versions for the rest. */
export function consumerManifest(catalog: Record<string, string>, releases: Release[]) {
  const pick = (names: string[]) =>
    Object.fromEntries(
      names.map((name) => {
        const version = catalog[name];
        if (!version) throw new Error(`pnpm-workspace.yaml's catalog has no ${name}`);
        return [name, version];
      }),
    );
  return {
    name: "idp-gallery-consumer",
    private: true,
    type: "module",
    dependencies: {
      ...Object.fromEntries(releases.map((release) => [release.name, release.version])),
      ...pick(fromCatalog.dependencies),
    },
    devDependencies: pick(fromCatalog.devDependencies),
  };
}

/** The consumer's .npmrc: only our scope goes to the local registry; everything else to npm. */
export function consumerNpmrc(registryUrl: string): string {
  return `@idp-gallery:registry=${registryUrl}\nsave-exact=true\n`;
}

/** Writes the app into `dir` (outside any workspace) and installs it with pnpm. */
export async function installConsumer(
  repoRoot: string,
  dir: string,
  registryUrl: string,
  releases: Release[],
): Promise<void> {
  await cp(templateDir, dir, { recursive: true, filter: (source) => !source.endsWith(".md") });
  const catalog = parseCatalog(readWorkspaceYaml(repoRoot));
  const manifest = consumerManifest(catalog, releases);
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(join(dir, ".npmrc"), consumerNpmrc(registryUrl));
  // Cached metadata first: the third-party versions are exact, and the store already has them.
  await runOrThrow(
    "pnpm",
    ["install", "--no-frozen-lockfile", "--prefer-offline", "--reporter=append-only"],
    {
      cwd: dir,
      env: cleanEnv(),
      timeoutMs: 180_000,
    },
  );
}

const nextBin = (dir: string) => join(dir, "node_modules/next/dist/bin/next");

export const nextEnv = () => cleanEnv({ NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" });

export async function buildConsumer(dir: string): Promise<void> {
  await runOrThrow(process.execPath, [nextBin(dir), "build"], {
    cwd: dir,
    env: nextEnv(),
    timeoutMs: 240_000,
  });
}

export async function runSmoke(dir: string): Promise<string> {
  const { stdout } = await runOrThrow(process.execPath, ["smoke.mjs"], {
    cwd: dir,
    env: cleanEnv(),
  });
  return stdout.trim();
}

export const nextStartArgs = (dir: string, port: number) => [
  nextBin(dir),
  "start",
  "--hostname",
  "127.0.0.1",
  "--port",
  String(port),
];

/** The consumer's installed version of a package, as resolved from the app's root. */
export async function installedVersion(dir: string, name: string): Promise<string> {
  const manifest = JSON.parse(
    await readFile(join(dir, "node_modules", name, "package.json"), "utf8"),
  );
  return (manifest as { version: string }).version;
}
