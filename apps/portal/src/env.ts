import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { type GalleryEntry, gallery } from "./gallery.ts";

// Everything is optional: with no env at all the portal reads the repo's files and the dev ports.
const schema = z.object({
  PORTAL_FACTS_DIR: z.string().min(1).optional(),
  PORTAL_BENCH_RESULTS: z.string().min(1).optional(),
  PORTAL_REPO_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORTAL_STATUS_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  NODE_ENV: z.string().optional(),
});

const url = z.url({ protocol: /^https?$/ });

/** The repository root: the nearest folder up from `from` with a pnpm-workspace.yaml. */
export function findRepoRoot(from: string = process.cwd()): string {
  // Read at run time from the checkout, so the build must not trace (and copy) the whole repo.
  let dir = resolve(/*turbopackIgnore: true*/ from);
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

/** `PORTAL_<ID>_<NAME>`, e.g. PORTAL_DJANGO_OIDC_APP_URL. */
export function envKey(id: GalleryEntry["id"], name: string): string {
  return `PORTAL_${id.toUpperCase().replace(/-/g, "_")}_${name}`;
}

export interface PortalConfig {
  repoRoot: string;
  factsDir: string;
  benchResults: string;
  repoUrl: string | undefined;
  statusTimeoutMs: number;
  /** The gallery with each app URL and IdP health URL taken from env where set. */
  entries: GalleryEntry[];
}

/** Reads the portal's env (validated; a malformed value stops the page with a clear message). */
export function portalConfig(env: Record<string, string | undefined> = process.env): PortalConfig {
  // An empty value (as .env.example leaves them) means unset.
  const parsed = schema.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  const repoRoot = findRepoRoot();
  const override = (id: GalleryEntry["id"], name: string, fallback: string) => {
    const key = envKey(id, name);
    const value = env[key];
    if (!value) return fallback;
    const checked = url.safeParse(value);
    if (!checked.success) throw new Error(`${key} must be a URL, got "${value}"`);
    return checked.data;
  };
  return {
    repoRoot,
    factsDir: resolve(
      /*turbopackIgnore: true*/ repoRoot,
      parsed.PORTAL_FACTS_DIR ?? "packages/e2e/facts",
    ),
    benchResults: resolve(
      /*turbopackIgnore: true*/ repoRoot,
      parsed.PORTAL_BENCH_RESULTS ?? "packages/bench/results/latest.json",
    ),
    repoUrl: parsed.PORTAL_REPO_URL?.replace(/\/$/, ""),
    // `next dev` compiles an app's /api/health on its first request, which takes seconds.
    statusTimeoutMs:
      parsed.PORTAL_STATUS_TIMEOUT_MS ?? (parsed.NODE_ENV === "development" ? 10_000 : 1500),
    entries: gallery.map((entry) => ({
      ...entry,
      appUrl: override(entry.id, "APP_URL", entry.appUrl),
      idpUrl: override(entry.id, "IDP_URL", entry.idpUrl),
      idpHealthUrl: override(entry.id, "IDP_HEALTH_URL", entry.idpHealthUrl),
    })),
  };
}
