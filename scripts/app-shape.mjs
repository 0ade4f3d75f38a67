#!/usr/bin/env node
// The five apps share one shape: every file both an app and the baseline app have is identical,
// except the files an IdP owns. `docs/app-shape/<app>.diff` shows each app's difference from the
// baseline; `--check` fails when an app drifts from the shape or its diff is out of date.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const baseline = "django-oidc";
const diffDir = join(root, "docs", "app-shape");

// What an IdP may make different in a file both sides have.
const idpOwned = new Set(["src/idp.ts", "src/env.ts", ".env.example"]);
// Not part of the shape: each app's own e2e specs, and its README (wholly the IdP's section).
const outsideShape = (path) => path.startsWith("e2e/") || path === "README.md";

function trackedFiles(app) {
  const dir = join(root, "apps", app);
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: dir,
    encoding: "utf8",
  });
  return listed
    .split("\n")
    .filter(Boolean)
    .filter((path) => existsSync(join(dir, path)) && !outsideShape(path));
}

/** The apps built from an IdP definition (the portal is not one of them). */
function galleryApps() {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: join(root, "apps"),
    encoding: "utf8",
  });
  return [
    ...new Set(
      listed
        .split("\n")
        .filter((path) => /^[^/]+\/src\/idp\.ts$/.test(path))
        .map((path) => path.split("/")[0]),
    ),
  ].sort();
}

// package.json may differ in its name, its ports and its dependencies (the IdP's SDK), nothing else.
function packageShape(text) {
  const { name: _name, dependencies: _deps, devDependencies: _devDeps, ...rest } = JSON.parse(text);
  const scripts = Object.fromEntries(
    Object.entries(rest.scripts ?? {}).map(([key, value]) => [
      key,
      value
        .replace(/--port \d+/g, "--port <port>")
        .replace(/idp-emulator \S+/g, "idp-emulator <idp>"),
    ]),
  );
  return JSON.stringify({ ...rest, scripts });
}

function unifiedDiff(from, to) {
  try {
    execFileSync("git", ["diff", "--no-index", "--no-color", "--", from, to], { cwd: root });
    return "";
  } catch (error) {
    // git diff --no-index exits 1 when the files differ; the diff is its output.
    if (error.status === 1) return error.stdout.toString();
    throw error;
  }
}

function compare(app) {
  const drift = [];
  const patches = [];
  const base = new Set(trackedFiles(baseline));
  const mine = new Set(trackedFiles(app));
  for (const path of [...new Set([...base, ...mine])].sort()) {
    const from = base.has(path) ? join("apps", baseline, path) : "/dev/null";
    const to = mine.has(path) ? join("apps", app, path) : "/dev/null";
    const patch = unifiedDiff(from, to);
    if (!patch) continue;
    patches.push(patch);
    // A file only one side has is an IdP-only route or module.
    if (!base.has(path) || !mine.has(path)) continue;
    if (idpOwned.has(path)) continue;
    if (path === "package.json") {
      const read = (where) => readFileSync(join(root, where), "utf8");
      if (packageShape(read(from)) === packageShape(read(to))) continue;
    }
    drift.push(path);
  }
  return { drift, diff: patches.join("") };
}

const check = process.argv.includes("--check");
let failed = false;
mkdirSync(diffDir, { recursive: true });
for (const app of galleryApps().filter((name) => name !== baseline)) {
  const { drift, diff } = compare(app);
  const file = join(diffDir, `${app}.diff`);
  for (const path of drift) {
    console.error(
      `apps/${app}/${path} differs from apps/${baseline}/${path}: move the difference into src/idp.ts or a package`,
    );
    failed = true;
  }
  if (check) {
    const committed = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (committed !== diff) {
      console.error(`${relative(root, file)} is out of date: run \`pnpm app-shape\` and commit it`);
      failed = true;
    }
  } else {
    writeFileSync(file, diff);
    console.log(`${relative(root, file)}: ${diff.split("\n").length - 1} lines`);
  }
}
if (failed) process.exit(1);
if (check) console.log(`every app has the shape of apps/${baseline}; docs/app-shape is current`);
