import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the process printed, for the error message when it fails. */
  output: () => string;
  alive: () => boolean;
  stop: () => Promise<void>;
}

/** Starts a long-running process in its own process group so stopping it also stops its children. */
export function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ServerProcess {
  const child = spawn(command, args, {
    ...options,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  const exited = once(child, "exit");
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => output,
    alive,
    async stop() {
      if (!alive() || child.pid === undefined) return;
      process.kill(-child.pid, "SIGTERM");
      const timer = setTimeout(
        () => alive() && child.pid && process.kill(-child.pid, "SIGKILL"),
        5000,
      );
      await exited;
      clearTimeout(timer);
    },
  };
}
