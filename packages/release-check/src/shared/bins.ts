import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** This package's folder, where pnpm links its own dependencies. */
export const releaseCheckDir = fileURLToPath(new URL("../..", import.meta.url));

/** The JavaScript file behind a dependency's bin, to run with this very Node (22). */
export function binPath(packageName: string, binName?: string): string {
  const manifestPath = join(releaseCheckDir, "node_modules", packageName, "package.json");
  const { bin } = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    bin: string | Record<string, string>;
  };
  const file = typeof bin === "string" ? bin : bin[binName ?? Object.keys(bin)[0] ?? ""];
  if (!file) throw new Error(`${packageName} has no bin ${binName ?? ""}`);
  return join(dirname(manifestPath), file);
}
