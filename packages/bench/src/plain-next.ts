import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { freePort, type RunningProcess, startServer } from "./servers.ts";

const require = createRequire(import.meta.url);
// The workspace's own Next.js (the catalog version the apps use), resolved from this package.
const nextBin = join(require.resolve("next/package.json"), "..", "dist", "bin", "next");

// The smallest App Router app: one static server-rendered page, no client components.
const files: Record<string, string> = {
  "package.json": `${JSON.stringify({ name: "plain-next", private: true }, null, 2)}\n`,
  "next.config.mjs": "export default { poweredByHeader: false };\n",
  "app/layout.jsx": `export const metadata = { title: "Plain page" };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  "app/page.jsx": `export default function Page() {
  return (
    <main>
      <h1>Plain page</h1>
      <p>A minimal Next.js app: the baseline for first-load JS.</p>
    </main>
  );
}
`,
};

export interface PlainNextApp {
  url: string;
  buildMs: number;
  server: RunningProcess;
  /** Stops the server and deletes the app. */
  dispose(): Promise<void>;
}

/**
 * Creates the plain app under `scratchDir` (inside this package, so it resolves the workspace's
 * installed next/react offline), builds it with `next build` and starts it on a free port.
 */
export async function startPlainNextApp(scratchDir: string): Promise<PlainNextApp> {
  await mkdir(scratchDir, { recursive: true });
  const dir = await mkdtemp(join(scratchDir, "plain-next-"));
  try {
    for (const [file, content] of Object.entries(files)) {
      await mkdir(join(dir, file, ".."), { recursive: true });
      await writeFile(join(dir, file), content);
    }
    const started = performance.now();
    const build = spawn(process.execPath, [nextBin, "build"], {
      cwd: dir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    build.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    build.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const [code] = (await once(build, "exit")) as [number | null];
    if (code !== 0) throw new Error(`next build of the plain app failed:\n${output.slice(-3000)}`);
    const buildMs = performance.now() - started;
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const server = await startServer({
      name: "plain Next.js app",
      command: [process.execPath, nextBin, "start", "--port", String(port)],
      cwd: dir,
      env: { NEXT_TELEMETRY_DISABLED: "1" },
      readyUrl: url,
    });
    return {
      url,
      buildMs,
      server,
      async dispose() {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
