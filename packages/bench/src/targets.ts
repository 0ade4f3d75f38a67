import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createCaTrustingFetch } from "@idp-gallery/api-client";
import { type E2eTarget, targets } from "@idp-gallery/e2e";
import { type Credentials, type HttpIdpAdapter, httpAdapters } from "./http-adapters/index.ts";
import type { NotMeasured, SectionError } from "./results.ts";

const require = createRequire(import.meta.url);

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

/**
 * Which e2e targets the bench measures, and why the others are not: real IdPs, no HTTP adapter yet,
 * the app not a devDependency of this package (so turbo would not build it first), or not built.
 */
export function selectTargets(only?: string[]): {
  selected: BenchTarget[];
  notMeasured: NotMeasured[];
  errors: SectionError[];
} {
  const selected: BenchTarget[] = [];
  const notMeasured: NotMeasured[] = [];
  const errors: SectionError[] = [];
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
    let appDir: string;
    try {
      appDir = dirname(require.resolve(`${target.app}/package.json`));
    } catch {
      skip(
        `the app is not a devDependency of @idp-gallery/bench, so turbo does not build it first`,
      );
      continue;
    }
    const nextBin = join(appDir, "node_modules", "next", "dist", "bin", "next");
    if (!existsSync(join(appDir, ".next", "BUILD_ID"))) {
      // Turbo builds the apps before `bench`; a missing build is a broken run, not a gap.
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
  return { selected, notMeasured, errors };
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
