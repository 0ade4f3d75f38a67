import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type TargetFacts, targetFacts } from "@idp-gallery/e2e/facts";
import { z } from "zod";

export interface FactsFile {
  /** The file's name without `.json`: the e2e target (e.g. `logto`, `logto@redis`). */
  target: string;
  facts: TargetFacts;
}

/** A facts file the portal could not use, and why (shown as a notice, never thrown). */
export interface FactsProblem {
  file: string;
  message: string;
}

export interface LoadedFacts {
  files: FactsFile[];
  problems: FactsProblem[];
}

/** Every `<target>.json` in `dir`, validated; a missing folder is one problem, not an error. */
export async function loadFacts(dir: string): Promise<LoadedFacts> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    return { files: [], problems: [{ file: dir, message: (error as Error).message }] };
  }
  const loaded = await Promise.all(names.map((name) => loadOne(join(dir, name), name)));
  return {
    files: loaded.flatMap((entry) => ("facts" in entry ? [entry] : [])),
    problems: loaded.flatMap((entry) => ("message" in entry ? [entry] : [])),
  };
}

async function loadOne(path: string, file: string): Promise<FactsFile | FactsProblem> {
  const target = file.replace(/\.json$/, "");
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    return { file, message: `not JSON: ${(error as Error).message}` };
  }
  const parsed = targetFacts.safeParse(json);
  if (!parsed.success) return { file, message: z.prettifyError(parsed.error) };
  if (parsed.data.target !== target) {
    return { file, message: `describes target "${parsed.data.target}", not "${target}"` };
  }
  return { target, facts: parsed.data };
}

/** The app's own target (`<app>.json`) and its other targets (`<app>@variant.json`). */
export function factsForApp(loaded: LoadedFacts, app: string) {
  return {
    primary: loaded.files.find((file) => file.target === app)?.facts ?? null,
    variants: loaded.files.filter((file) => file.facts.app === app && file.target !== app),
  };
}
