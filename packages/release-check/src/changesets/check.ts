export interface PublishedPackageState {
  name: string;
  /** Folder relative to the repo root (`packages/ui`). */
  dir: string;
  version: string;
  /** The version on the base commit; undefined when the package did not exist there. */
  versionAtBase?: string;
}

export interface MissingChangeset {
  name: string;
  files: string[];
}

// Files that never reach a consumer: tests, test helpers and config, and the generated changelog.
const unshipped = [
  /(^|\/)[^/]*\.(test|spec)\.[cm]?[jt]sx?$/,
  /(^|\/)(test|tests|__tests__|test-support|e2e)\//,
  /(^|\/)vitest\.config\.[cm]?[jt]s$/,
  /^CHANGELOG\.md$/,
  /(^|\/)\.gitignore$/,
];

/** Whether a change to this file (path inside its package) can change what the package ships. */
export function affectsConsumers(pathInPackage: string): boolean {
  return !unshipped.some((pattern) => pattern.test(pathInPackage));
}

/**
 * The published packages with changes that reach consumers but no changeset naming them. A package
 * whose version moved since the base is being released (`changeset version` consumed its changesets).
 */
export function findMissingChangesets(input: {
  changedFiles: readonly string[];
  packages: readonly PublishedPackageState[];
  covered: ReadonlySet<string>;
}): MissingChangeset[] {
  const missing: MissingChangeset[] = [];
  for (const pkg of input.packages) {
    if (input.covered.has(pkg.name)) continue;
    if (pkg.versionAtBase !== undefined && pkg.versionAtBase !== pkg.version) continue;
    const prefix = `${pkg.dir}/`;
    const files = input.changedFiles.filter(
      (file) => file.startsWith(prefix) && affectsConsumers(file.slice(prefix.length)),
    );
    if (files.length > 0) missing.push({ name: pkg.name, files });
  }
  return missing;
}
