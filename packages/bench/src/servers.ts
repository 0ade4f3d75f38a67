import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { connect, createServer } from "node:net";

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

/** Starts a server in its own process group (so stop() ends its children too) and waits until ready. */
export async function startServer(options: StartOptions): Promise<RunningProcess> {
  const [file, args] =
    typeof options.command === "string"
      ? ["/bin/sh", ["-c", options.command]]
      : [options.command[0] ?? "", options.command.slice(1)];
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${options.name}`);
  const handle: RunningProcess = {
    name: options.name,
    pid,
    stop: () => stopGroup(child, pid).finally(() => running.delete(handle)),
  };
  running.add(handle);
  try {
    await waitUntilReady(options, child, options.timeoutMs ?? 60_000);
  } catch (error) {
    await handle.stop();
    throw new Error(`${options.name} did not start: ${(error as Error).message}\n${stderr}`);
  }
  return handle;
}

async function waitUntilReady(
  options: Pick<StartOptions, "readyUrl" | "readyPort">,
  child: ChildProcess,
  timeoutMs: number,
) {
  const { readyUrl: url, readyPort: port } = options;
  if (!url && port === undefined) throw new Error("startServer needs readyUrl or readyPort");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
    if (url) {
      try {
        const response = await fetch(url, {
          signal: AbortSignal.timeout(2000),
          redirect: "manual",
        });
        await response.arrayBuffer();
        if (response.status < 500) return;
      } catch {
        // Not listening yet.
      }
    } else if (await portAccepts(port as number)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url ?? `port ${port}`} not ready after ${timeoutMs} ms`);
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ port, host: "localhost" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function stopGroup(child: ChildProcess, pid: number) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  signalGroup(pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
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

/** A free loopback port for a server of the bench's own (the plain Next.js app). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}
