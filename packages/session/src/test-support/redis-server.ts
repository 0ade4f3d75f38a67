import { spawnSync } from "node:child_process";
import { connect } from "node:net";
import { freePort } from "@idp-gallery/test-processes/ports";
import { startProcess } from "@idp-gallery/test-processes/process";
import type { ReadinessCheck } from "@idp-gallery/test-processes/readiness";

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

/** Ready once Redis answers PING with PONG (it accepts connections a moment before it serves). */
function answersPing(port: number): ReadinessCheck {
  return {
    describe: `redis on port ${port} answers PING`,
    probe: () =>
      new Promise((resolve) => {
        const socket = connect({ port, host: "127.0.0.1" }, () => socket.write("PING\r\n"));
        socket.setTimeout(5_000, () => socket.destroy(new Error("no answer")));
        socket.once("data", (data) => {
          socket.destroy();
          resolve(data.toString().startsWith("+PONG"));
        });
        socket.once("error", () => resolve(false));
      }),
  };
}

/** A real, throwaway redis-server on a free loopback port (Debian's; `scripts/setup.sh --test`). */
export async function startRedisServer(): Promise<RedisServer> {
  if (spawnSync("redis-server", ["--version"]).error) {
    throw new Error(
      "redis-server is not installed; run scripts/setup.sh --test (Debian's redis-server).",
    );
  }
  const port = await freePort();
  const server = await startProcess({
    name: "redis-server",
    command: "redis-server",
    args: ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    port,
    ready: answersPing(port),
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => server.stop() };
}
