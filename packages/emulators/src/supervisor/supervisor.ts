import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { caTrustingFetch } from "../core/ca-fetch.ts";
import { DEFAULT_START_TIMEOUT_MS } from "./start-timeout.ts";

/** Any IdP process that serves `/__emulator/health` on `port`: an emulator, or a real IdP under test. */
export interface SupervisorOptions {
  /** Names the process in logs and errors. */
  name: string;
  /** The executable and its arguments. */
  command: readonly [string, ...string[]];
  /** Extra environment for the process. */
  env?: Record<string, string>;
  port: number;
  /** The path under the process's origin that is its issuer (e.g. `/o`). */
  issuerPath: string;
  /** An https IdP: its certificate's CA, trusted for the health check. */
  caFile?: string;
  /** How long start() waits for /__emulator/health (default DEFAULT_START_TIMEOUT_MS). */
  startTimeoutMs?: number;
}

export interface SupervisorStatus {
  running: boolean;
  pid: number | null;
  url: string;
  issuer: string;
}

const STOP_GRACE_MS = 5000;

function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

/** Runs one IdP as a child process that can be stopped and started again, for real. */
export class Supervisor {
  readonly options: SupervisorOptions;
  readonly url: string;
  readonly issuer: string;
  #child: ChildProcess | undefined;
  #healthy = false;
  #exited: Promise<unknown> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  readonly #fetch: typeof fetch;

  constructor(options: SupervisorOptions) {
    this.options = options;
    this.url = `${options.caFile ? "https" : "http"}://localhost:${options.port}`;
    this.issuer = `${this.url}${options.issuerPath}`;
    this.#fetch = options.caFile ? caTrustingFetch(options.caFile) : (...args) => fetch(...args);
  }

  status(): SupervisorStatus {
    const child = this.#child;
    const running = !!child && child.exitCode === null && child.signalCode === null;
    return {
      running,
      pid: running ? (child?.pid ?? null) : null,
      url: this.url,
      issuer: this.issuer,
    };
  }

  start(): Promise<SupervisorStatus> {
    return this.#serialise(() => this.#start());
  }

  stop(): Promise<SupervisorStatus> {
    return this.#serialise(() => this.#stop());
  }

  // start/stop requests arriving together run one after the other.
  #serialise<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task, task);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #start(): Promise<SupervisorStatus> {
    if (this.status().running) return this.status();
    const { name, command, env } = this.options;
    const [executable, ...args] = command;
    const child = spawn(executable, args, {
      stdio: ["pipe", "inherit", "inherit"],
      env: { ...process.env, ...env, IDP_EMULATOR_SUPERVISED: "1" },
    });
    this.#child = child;
    this.#exited = once(child, "exit");
    child.once("exit", (code, signal) => {
      if (this.#child === child && !child.killed) {
        console.error(`[idp-emulator] ${name} exited unexpectedly (${signal ?? `code ${code}`})`);
      }
    });
    await this.#waitHealthy(child);
    this.#healthy = true;
    return this.status();
  }

  async #waitHealthy(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + (this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${this.options.name} exited (code ${child.exitCode}) before it was healthy`,
        );
      }
      try {
        const response = await this.#fetch(`${this.url}/__emulator/health`, {
          signal: AbortSignal.timeout(1000),
        });
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    await this.#stop();
    throw new Error(
      `${this.options.name} did not become healthy at ${this.url}/__emulator/health within ${this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS} ms`,
    );
  }

  /** Started and answered its health check; false again once stopped or exited. */
  get ready(): boolean {
    return this.#healthy && this.status().running;
  }

  async #stop(): Promise<SupervisorStatus> {
    this.#healthy = false;
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const exited = await Promise.race([this.#exited, sleep(STOP_GRACE_MS, "timeout")]);
      if (exited === "timeout") {
        child.kill("SIGKILL");
        await this.#exited;
      }
    }
    // Resolve only once nothing answers on the port any more.
    const deadline = Date.now() + STOP_GRACE_MS;
    while (!(await portClosed(this.options.port)) && Date.now() < deadline) await sleep(25);
    return this.status();
  }
}
