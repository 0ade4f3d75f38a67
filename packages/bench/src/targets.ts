import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createCaTrustingFetch } from "@idp-gallery/api-client/ca-trusting-fetch";
import { type E2eTarget, targets } from "@idp-gallery/e2e";
import { idps } from "@idp-gallery/registry/idps";
import { type Credentials, type HttpIdpAdapter, httpAdapters } from "./http-adapters/index.ts";
import type { NotMeasured, SectionError } from "./results.ts";

/** The repository root, which the registry's app folders are relative to. */
export const repoRoot = join(import.meta.dirname, "..", "..", "..");

export interface BenchTarget {
  target: E2eTarget;
  adapter: HttpIdpAdapter;
  appDir: string;
  appUrl: string;
  nextBin: string;
  /**
   * The bench's fetch for this target: for an https IdP with a development CA, one that trusts that
   * CA (and nothing is ever unverified); the global fetch otherwise.
   */
  fetch: typeof fetch;
}

/** A fetch that trusts the target's IdP: its CA file when it has one (read on first use). */
export function targetFetch(target: E2eTarget): typeof fetch {
  const caFile = target.idpServer.caFile;
  return caFile ? createCaTrustingFetch({ caFile }) : fetch;
}

// Targets whose IdP is one of our emulators; real IdPs (the Debian DOT) are for the e2e drift check.
export function isEmulatorTarget(target: E2eTarget): boolean {
  return target.idpServer.command.includes("idp-emulator");
}

interface Candidate {
  target: E2eTarget;
  adapter: HttpIdpAdapter;
  /** The app's folder relative to the repository root (the registry's `app.dir`). */
  app: string;
}

/** The e2e targets the bench would measure, and why the others are not: real IdPs, no HTTP adapter yet. */
function candidates(only?: string[]): { candidates: Candidate[]; notMeasured: NotMeasured[] } {
  const found: Candidate[] = [];
  const notMeasured: NotMeasured[] = [];
  for (const target of Object.values(targets)) {
    if (only && !only.includes(target.name)) continue;
    const skip = (reason: string) =>
      notMeasured.push({ target: target.name, app: target.app, idp: target.idp, reason });
    if (!isEmulatorTarget(target)) {
      skip("signs in with the real IdP; the bench measures the emulator targets");
      continue;
    }
    const adapter = httpAdapters[target.idp];
    if (!adapter) {
      skip(`no HTTP adapter for ${target.idpName} yet (packages/bench/src/http-adapters)`);
      continue;
    }
    const app = idps[target.idp].app.dir;
    if (!existsSync(join(repoRoot, app, "package.json"))) {
      skip(`${app} is not in this checkout`);
      continue;
    }
    found.push({ target, adapter, app });
  }
  return { candidates: found, notMeasured };
}

/** The app folders (relative to the repository root) of the targets the bench would measure. */
export function benchApps(only?: string[]): string[] {
  return [...new Set(candidates(only).candidates.map((candidate) => candidate.app))];
}

/**
 * Builds these apps (`turbo run build`, replayed from turbo's cache when nothing changed), so a run
 * measures the current code. No package depends on an app (the bench finds them through the
 * registry), so turbo's graph for `bench` holds only the packages' builds: turbo has no wildcard for
 * "every app's build", and a task cannot depend on packages that do not depend on it.
 */
export async function buildApps(apps: string[]): Promise<void> {
  if (apps.length === 0) return;
  const turbo = join(repoRoot, "node_modules", ".bin", "turbo");
  const child = spawn(
    turbo,
    ["run", "build", "--output-logs=errors-only", ...apps.map((app) => `--filter=./${app}`)],
    { cwd: repoRoot, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "inherit" },
  );
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`turbo run build of ${apps.join(", ")} exited with ${code}`);
}

/**
 * Which e2e targets the bench measures, and why the others are not: real IdPs, no HTTP adapter yet,
 * the app not in this checkout, or not built (`buildApps` first).
 */
export function selectTargets(only?: string[]): {
  selected: BenchTarget[];
  notMeasured: NotMeasured[];
  errors: SectionError[];
} {
  const selected: BenchTarget[] = [];
  const errors: SectionError[] = [];
  const found = candidates(only);
  for (const { target, adapter, app } of found.candidates) {
    const appDir = join(repoRoot, app);
    const nextBin = join(appDir, "node_modules", "next", "dist", "bin", "next");
    if (!existsSync(join(appDir, ".next", "BUILD_ID"))) {
      // The bench builds the apps first; a missing build is a broken run, not a gap.
      errors.push({ section: target.name, message: `${appDir} has no production build` });
      continue;
    }
    selected.push({
      target,
      adapter,
      appDir,
      nextBin,
      fetch: targetFetch(target),
      appUrl: `http://localhost:${target.appPorts[0]}`,
    });
  }
  return { selected, notMeasured: found.notMeasured, errors };
}

/** The seeded user the bench signs in as (the target's first). */
export function firstUser(bench: BenchTarget) {
  const user = bench.target.users[0];
  if (!user) throw new Error(`${bench.target.name} has no seeded user`);
  return user;
}

/**
 * The credentials sign-ins use: the first seeded user, prepared by the adapter when its IdP needs more
 * than a password (a passkey IdP: passkeys enrolled through the app for `"app"`, straight at the IdP
 * for `"idp"`, the bare client). Call it outside any timing, and again after each emulator reset.
 */
export async function prepareUser(bench: BenchTarget, via: "app" | "idp"): Promise<Credentials> {
  const { target, adapter, appUrl } = bench;
  const user = firstUser(bench);
  if (!adapter.prepareUser) return user;
  return adapter.prepareUser({
    via,
    user,
    appUrl,
    appEnv: target.appEnv(appUrl),
    idpOrigin: target.idpServer.origin,
    fetch: bench.fetch,
  });
}
