import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";
import type { FrameResolver } from "./cpu-profile.ts";

/** The name a line of source declares: `async function encode(`, `const x = async (`, `foo(a) {`. */
export function declaredName(line: string): string | undefined {
  const patterns = [
    /\bfunction\s*\*?\s*([\w$]+)\s*\(/,
    /\b(?:const|let|var)\s+([\w$]+)\s*=\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*=>|[\w$]+\s*=>)/,
    /^\s*(?:async\s+)?(?:get\s+|set\s+|static\s+)?([\w$]+)\s*\([^)]*\)\s*\{/,
    /\b([\w$]+)\s*:\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*=>)/,
  ];
  for (const pattern of patterns) {
    const name = pattern.exec(line)?.[1];
    if (name && !["if", "for", "while", "switch", "catch", "return"].includes(name)) return name;
  }
  return undefined;
}

interface LoadedMap {
  map: SourceMap;
  lines: Map<string, string[]>;
}

/** Resolves frames of files that sit beside a `.map` (Next.js writes them for its server bundle). */
export function sourceMapResolver(): FrameResolver {
  const maps = new Map<string, LoadedMap | undefined>();
  const load = (url: string) => {
    if (maps.has(url)) return maps.get(url);
    let loaded: LoadedMap | undefined;
    if (url.startsWith("file://")) {
      const file = `${fileURLToPath(url)}.map`;
      if (existsSync(file)) {
        const payload = JSON.parse(readFileSync(file, "utf8")) as {
          sources?: string[];
          sourcesContent?: (string | null)[];
        };
        const lines = new Map<string, string[]>();
        payload.sources?.forEach((source, index) => {
          const content = payload.sourcesContent?.[index];
          if (content) lines.set(source, content.split("\n"));
        });
        loaded = {
          map: new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]),
          lines,
        };
      }
    }
    maps.set(url, loaded);
    return loaded;
  };
  return (url, line, column) => {
    const loaded = load(url);
    // Node fills `name` when the map has one; its types do not list it yet.
    const entry = loaded?.map.findEntry(line, column) as
      | { originalSource?: string; originalLine: number; name?: string }
      | undefined;
    if (!loaded || !entry?.originalSource) return undefined;
    const text = loaded.lines.get(entry.originalSource)?.[entry.originalLine];
    const name = entry.name ?? (text ? declaredName(text) : undefined);
    return { url: entry.originalSource, line: entry.originalLine, ...(name ? { name } : {}) };
  };
}
