import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { freePort } from "@idp-gallery/test-processes/ports";
import { type RunningProcess, startProcess } from "@idp-gallery/test-processes/process";
import { httpAnswers } from "@idp-gallery/test-processes/readiness";
import { binPath } from "../shared/bins.ts";
import { cleanEnv } from "../shared/run.ts";

/**
 * Verdaccio's config: anyone may publish `@idp-gallery/*`, nothing else is served, and there are no
 * uplinks, so the registry never reaches the network (third-party packages come from npm directly).
 */
export function verdaccioConfig(storage: string): string {
  return `storage: ${JSON.stringify(storage)}
uplinks: {}
packages:
  "@idp-gallery/*":
    access: $all
    publish: $all
    unpublish: $all
  "**":
    access: $all
    publish: $authenticated
auth:
  htpasswd:
    file: ${JSON.stringify(join(storage, "htpasswd"))}
    max_users: -1
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;
}

export interface Registry {
  url: string;
  host: string;
  process: RunningProcess;
}

/** Starts Verdaccio (on this Node 22) on a free loopback port, with its storage under `dir`. */
export async function startRegistry(dir: string): Promise<Registry> {
  const storage = join(dir, "storage");
  await mkdir(storage, { recursive: true });
  const config = join(dir, "verdaccio.yaml");
  await writeFile(config, verdaccioConfig(storage));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const registry = await startProcess({
    name: "Verdaccio",
    command: process.execPath,
    args: [binPath("verdaccio"), "--config", config, "--listen", `http://${host}/`],
    cwd: dir,
    env: cleanEnv(),
    port,
    ready: httpAnswers(`http://${host}/-/ping`),
  });
  return { url: `http://${host}/`, host, process: registry };
}
