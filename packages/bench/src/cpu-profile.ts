/** The parts of a V8 CPU profile (.cpuprofile) the summary reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

type CallFrame = CpuProfile["nodes"][number]["callFrame"];

export interface ProfileRow {
  name: string;
  ms: number;
  /** Of the process's busy time (idle excluded). */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  /** Self time per origin (package, Node internals, V8). */
  selfByOrigin: ProfileRow[];
  /** Time with the origin anywhere on the stack, counted once per sample. */
  onStackByOrigin: ProfileRow[];
  /** Time with the function anywhere on the stack, for functions of the focused origins only. */
  onStackByFunction: ProfileRow[];
}

/** Where a script comes from: an npm package, Next.js's compiled copy of one, the app, Node, V8. */
export function origin(rawUrl: string): string {
  if (!rawUrl) return "V8 (native, GC)";
  const url = safeDecode(rawUrl);
  // WebCrypto runs as async jobs, off the caller's stack: name it apart from the rest of Node.
  if (url.startsWith("node:internal/crypto")) return "node (crypto)";
  if (url.startsWith("node:")) return "node (internals)";
  const compiled = /\/next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (compiled) return `next (compiled ${compiled[1]})`;
  const packages = [...url.matchAll(/\/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  const last = packages.at(-1);
  if (last) return last[1] as string;
  const workspace = /\/(packages|apps)\/([^/]+)\/src\//.exec(url);
  if (workspace)
    return workspace[1] === "apps" ? `app ${workspace[2]}` : `@idp-gallery/${workspace[2]}`;
  if (/\/\.next\/server\//.test(url)) return "app server bundle (unmapped)";
  return url.replace(/^file:\/\//, "");
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

function label(frame: CallFrame): string {
  return `${frame.functionName || "(anonymous)"} · ${origin(frame.url)}`;
}

/** Busy time per origin and per function; `focus` picks the origins whose functions are listed. */
export function summarizeProfile(
  profile: CpuProfile,
  focus: (origin: string) => boolean = () => true,
  top = 15,
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const selfByOrigin = new Map<string, number>();
  const onStackByOrigin = new Map<string, number>();
  const onStackByFunction = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === "(idle)") return;
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    busy += ms;
    add(selfByOrigin, origin(node.callFrame.url), ms);
    const origins = new Set<string>();
    const functions = new Set<string>();
    for (
      let current: number | undefined = id;
      current !== undefined;
      current = parent.get(current)
    ) {
      const frame = byId.get(current)?.callFrame;
      if (!frame || frame.functionName.startsWith("(")) continue;
      const where = origin(frame.url);
      origins.add(where);
      if (focus(where)) functions.add(label(frame));
    }
    for (const where of origins) add(onStackByOrigin, where, ms);
    for (const name of functions) add(onStackByFunction, name, ms);
  });
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: busy ? ms / busy : 0 }));
  return {
    busyMs: busy,
    selfByOrigin: rows(selfByOrigin),
    onStackByOrigin: rows(onStackByOrigin),
    onStackByFunction: rows(onStackByFunction),
  };
}

function add(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** Maps a bundled frame (0-based line and column) to its original source, or undefined. */
export type FrameResolver = (
  url: string,
  line: number,
  column: number,
) => { url: string; line: number; name?: string } | undefined;

/**
 * Rewrites frames of the app's server bundle to their original sources through its source maps, so
 * minified code reads as `decrypt (jwe/decrypt.js:42) · jose` instead of `eZ · .next/server/…`.
 */
export function symbolicate(profile: CpuProfile, resolve: FrameResolver): CpuProfile {
  return {
    ...profile,
    nodes: profile.nodes.map((node) => {
      const { url, lineNumber, columnNumber, functionName } = node.callFrame;
      if (!url.includes("/.next/server/")) return node;
      const original = resolve(url, lineNumber, columnNumber);
      if (!original) return node;
      const file = safeDecode(original.url).split("/").slice(-2).join("/");
      const name = original.name ?? (functionName || "(anonymous)");
      return {
        ...node,
        callFrame: {
          ...node.callFrame,
          url: original.url,
          functionName: `${name} (${file}:${original.line + 1})`,
        },
      };
    }),
  };
}
