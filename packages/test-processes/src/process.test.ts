import { afterEach, describe, expect, it } from "vitest";
import { freePort, portAccepts } from "./ports.ts";
import { type RunningProcess, startProcess, tail } from "./process.ts";
import { outputMatches, portOpen, waitUntilReady } from "./readiness.ts";

const started: RunningProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop()));
});

/** The error a start that must fail rejects with. */
const failureOf = (start: Promise<unknown>): Promise<Error> =>
  start.then(
    () => {
      throw new Error("expected startProcess to reject");
    },
    (error: Error) => error,
  );

/** A node one-liner as the process under test. */
const node = (script: string) => ({ command: process.execPath, args: ["-e", script] });

describe("startProcess", () => {
  it("resolves only once the process listens, however long it takes to get there", async () => {
    const port = await freePort();
    // The child does its own slow start-up (a loaded machine), then listens.
    const script = `console.log("booting"); setTimeout(() => require("node:net").createServer().listen(${port}, "127.0.0.1"), 1500);`;
    const running = await startProcess({
      name: "slow server",
      ...node(script),
      port,
      ready: portOpen(port),
    });
    started.push(running);
    expect(await portAccepts(port)).toBe(true);
    expect(running.output()).toContain("booting");
  });

  it("fails at once when the process exits first, naming it, its port and its last output", async () => {
    const port = await freePort();
    const script = `console.log("loading config"); console.error("FATAL: no such option --bogus"); process.exit(3);`;
    const error = await failureOf(
      startProcess({
        name: "broken server",
        ...node(script),
        port,
        ready: portOpen(port),
      }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/^broken server \(port \d+\): not ready: it exited with code 3/);
    expect(error.message).toContain(`port ${port}`);
    expect(error.message).toContain("  | FATAL: no such option --bogus");
  });

  it("stops the process and says so when readiness does not hold within the bound", async () => {
    const port = await freePort();
    const script = `console.log("waiting forever"); setInterval(() => {}, 1000);`;
    const error = await failureOf(
      startProcess({
        name: "silent server",
        ...node(script),
        port,
        ready: portOpen(port),
        timeoutMs: 300,
      }),
    );
    expect(error.message).toContain(
      `silent server (port ${port}): not ready: port ${port} accepts connections did not hold within 300 ms`,
    );
    expect(error.message).toContain("  | waiting forever");
  });

  it("waits for a line of output, and stop() ends what the process started too", async () => {
    const port = await freePort();
    // A launcher that starts the real server as its own child, as pnpm or a supervisor does.
    const server = `require("node:net").createServer().listen(${port}, "127.0.0.1", () => console.log("listening"))`;
    const script = `require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(server)}], { stdio: "inherit" });`;
    const running = await startProcess({
      name: "launcher",
      ...node(script),
      ready: outputMatches(/listening/),
    });
    expect(await portAccepts(port)).toBe(true);
    await running.stop();
    expect(running.alive()).toBe(false);
    // The grandchild is in the same process group, so it is gone too and its port closes.
    const closed = {
      describe: `port ${port} is closed`,
      probe: async () => !(await portAccepts(port)),
    };
    await expect(waitUntilReady(closed)).resolves.toBeUndefined();
  });
});

describe("tail", () => {
  it("keeps the last lines, indented, and says when there was no output", () => {
    const output = Array.from({ length: 50 }, (_, i) => `line ${i}`).join("\n");
    expect(tail(output, 2)).toBe("  | line 48\n  | line 49");
    expect(tail("")).toBe("  (no output)");
  });
});
