import { dependencyFields, type PackageManifest } from "../workspace.ts";

export interface PackedFile {
  /** Path inside the tarball, without the leading `package/`. */
  path: string;
  /** Text content for files small enough to scan; undefined for binaries. */
  text?: string;
}

export interface AllowedFile {
  pattern: RegExp;
  /** Why consumers need it; printed with every check so the exception stays visible. */
  reason: string;
}

const forbidden: { pattern: RegExp; what: string }[] = [
  { pattern: /(^|\/)[^/]*\.(test|spec)\.[cm]?[jt]sx?$/, what: "a test" },
  { pattern: /^src\//, what: "TypeScript source (consumers get dist/)" },
  { pattern: /(^|\/)\.env/, what: "an env file" },
  { pattern: /(^|\/)\.data\//, what: "runtime data (generated signing keys live there)" },
  {
    pattern: /(^|\/)(test|tests|__tests__|test-support|e2e|coverage|test-results)\//,
    what: "test code or test output",
  },
  { pattern: /(^|\/)fixtures\//, what: "a fixture" },
  {
    pattern: /\.(pem|key|p8|p12|pfx|jks)$|(^|\/)(keys|jwks)\.json$|(^|\/)id_(rsa|ecdsa|ed25519)/,
    what: "key material",
  },
  { pattern: /\.tsbuildinfo$|(^|\/)\.turbo\/|(^|\/)node_modules\//, what: "a build cache" },
  {
    pattern: /(^|\/)(tsconfig[^/]*\.json|[^/]+\.config\.[cm]?[jt]s)$/,
    what: "build or test config",
  },
  { pattern: /\.tgz$/, what: "a tarball" },
];

const secretContent: { pattern: RegExp; what: string }[] = [
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: "a PEM private key" },
  { pattern: /"d"\s*:\s*"[A-Za-z0-9_-]{20,}"/, what: "a private JWK (its `d` member)" },
  {
    pattern: /^\s*(export\s+)?[A-Z0-9_]*(SECRET|TOKEN|PASSWORD|API_KEY)[A-Z0-9_]*\s*=\s*\S+/m,
    what: "an env-style secret assignment",
  },
];

/** Files a package may ship although a rule above would refuse them, each with its reason. */
export const allowedFiles: Record<string, AllowedFile[]> = {
  "@idp-gallery/emulators": [
    {
      pattern: /^fixtures\/(users|clients)\.json$/,
      reason:
        "the emulator's seeded users and registered clients: development-only credentials that a consumer needs to sign in to the emulator (documented in RELEASING.md and in clients.json's $comment)",
    },
  ],
};

export interface ExpectedContent {
  path: string;
  pattern: RegExp;
  why: string;
}

/** What specific files must contain, because the build could silently drop it. */
export const expectedContent: Record<string, ExpectedContent[]> = {
  "@idp-gallery/ui": [
    {
      path: "dist/client.js",
      pattern: /^\s*["']use client["'];/,
      why: 'must start with "use client" (its buttons use React hooks)',
    },
    {
      path: "dist/styles.css",
      pattern: /^@source "\.\/";/m,
      why: 'must keep @source "./" so a consumer\'s Tailwind scans the package',
    },
  ],
  "@idp-gallery/emulators": [
    {
      path: "fixtures/clients.json",
      // Matches only when no clientSecret value lacks the dev-only- prefix.
      pattern: /^(?![\s\S]*"clientSecret"\s*:\s*"(?!dev-only-))/,
      why: "may hold development credentials only: every clientSecret must start with dev-only-",
    },
  ],
};

/** Every string target of an `exports` map (conditions and subpaths flattened). */
export function exportTargets(exports: unknown): string[] {
  if (typeof exports === "string") return [exports];
  if (Array.isArray(exports)) return exports.flatMap(exportTargets);
  if (exports && typeof exports === "object") return Object.values(exports).flatMap(exportTargets);
  return [];
}

function binTargets(bin: PackageManifest["bin"]): string[] {
  if (!bin) return [];
  return typeof bin === "string" ? [bin] : Object.values(bin);
}

const normalize = (target: string) => target.replace(/^\.\//, "");

function targetExists(target: string, paths: Set<string>): boolean {
  const path = normalize(target);
  if (!path.includes("*")) return paths.has(path);
  const [prefix = "", suffix = ""] = path.split("*");
  return [...paths].some((file) => file.startsWith(prefix) && file.endsWith(suffix));
}

/**
 * What is wrong with a packed tarball: files consumers must not get, files they need but miss, and a
 * manifest that still speaks the workspace's dialect. An empty list means the tarball is fine.
 */
export function checkPackedPackage(
  manifest: PackageManifest,
  files: PackedFile[],
  allowed: AllowedFile[] = allowedFiles[manifest.name] ?? [],
  expected: ExpectedContent[] = expectedContent[manifest.name] ?? [],
): string[] {
  const problems: string[] = [];
  const paths = new Set(files.map((file) => file.path));
  const isAllowed = (path: string) => allowed.some((rule) => rule.pattern.test(path));

  for (const file of files) {
    if (isAllowed(file.path)) continue;
    const rule = forbidden.find(({ pattern }) => pattern.test(file.path));
    if (rule) problems.push(`${file.path} is ${rule.what}; it must not be published`);
    const secret = file.text && secretContent.find(({ pattern }) => pattern.test(file.text ?? ""));
    if (secret) problems.push(`${file.path} contains ${secret.what}`);
  }

  for (const { path, pattern, why } of expected) {
    const text = files.find((file) => file.path === path)?.text;
    if (text === undefined || !pattern.test(text)) problems.push(`${path} ${why}`);
  }

  for (const required of ["package.json", "README.md"]) {
    if (!paths.has(required)) problems.push(`${required} is missing from the tarball`);
  }
  if (manifest.private) problems.push("package.json says private: true");

  const exportsMap = manifest.exports;
  if (!exportsMap) problems.push("package.json has no exports");
  for (const target of exportTargets(exportsMap)) {
    if (/\.[cm]?tsx?$/.test(target) && !/\.d\.[cm]?ts$/.test(target))
      problems.push(
        `exports point at TypeScript source (${target}); publishConfig.exports missing?`,
      );
    else if (!targetExists(target, paths))
      problems.push(`exports target ${target} is not in the tarball`);
  }
  for (const target of binTargets(manifest.bin)) {
    if (!targetExists(target, paths)) problems.push(`bin ${target} is not in the tarball`);
  }

  for (const field of dependencyFields) {
    if (field === "devDependencies") continue;
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|catalog|link|file):/.test(spec))
        problems.push(`${field}.${name} is "${spec}", which only resolves inside the workspace`);
    }
  }
  for (const [name, spec] of Object.entries(manifest.peerDependencies ?? {})) {
    if (/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec))
      problems.push(
        `peerDependencies.${name} is pinned to ${spec}; a range lets consumers on other versions install it`,
      );
  }
  return problems;
}
