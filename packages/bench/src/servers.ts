import { freePort, portAccepts } from "@idp-gallery/test-processes/ports";
import { type RunningProcess as Started, startProcess } from "@idp-gallery/test-processes/process";
import { httpAnswers, portOpen, type ReadinessCheck } from "@idp-gallery/test-processes/readiness";

export { freePort };

export interface RunningProcess {
  name: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** argv, or one shell command line (as the e2e targets give the IdP's). */
  command: string[] | string;
  cwd?: string;
  env?: Record<string, string>;
  /** Polled until it answers with a status below 500. */
  readyUrl?: string;
  /** Or, for a server that does not speak HTTP (Redis): ready once this loopback port accepts. */
  readyPort?: number;
  timeoutMs?: number;
}

const running = new Set<RunningProcess>();

function readiness({ readyUrl, readyPort }: StartOptions): ReadinessCheck {
  if (readyUrl) return httpAnswers(readyUrl, { accept: (status) => status < 500 });
  if (readyPort !== undefined) return portOpen(readyPort);
  throw new Error("startServer needs readyUrl or readyPort");
}

/** Starts a server in its own process group (so stop() ends its children too) and waits until ready. */
export async function startServer(options: StartOptions): Promise<RunningProcess> {
  const [command, args] =
    typeof options.command === "string"
      ? ["/bin/sh", ["-c", options.command]]
      : [options.command[0] ?? "", options.command.slice(1)];
  const started: Started = await startProcess({
    name: options.name,
    command,
    args,
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    port:
      options.readyPort ?? (options.readyUrl ? Number(new URL(options.readyUrl).port) : undefined),
    ready: readiness(options),
    timeoutMs: options.timeoutMs,
  });
  const handle: RunningProcess = {
    name: options.name,
    pid: started.child.pid ?? 0,
    stop: () => started.stop().finally(() => running.delete(handle)),
  };
  running.add(handle);
  return handle;
}

/** Stops every server this run started (on errors and Ctrl-C). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

/** Fails early when a port is taken, e.g. by an e2e run of the same target. */
export async function assertPortFree(port: number, owner: string): Promise<void> {
  const taken = await portAccepts(port);
  if (taken)
    throw new Error(`Port ${port} (${owner}) is in use: is an e2e run of this target in progress?`);
}
