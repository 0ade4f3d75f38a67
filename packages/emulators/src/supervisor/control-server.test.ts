import { freePort } from "@idp-gallery/test-processes/ports";
import { afterAll, beforeAll, expect, it } from "vitest";
import { browserAttacks, rawRequest } from "../../test/raw-request.ts";
import { listenControl } from "./control-server.ts";
import type { Supervisor } from "./supervisor.ts";

// A stand-in that records what the control port asked of it; the guard is what is under test.
const calls: string[] = [];
const supervisor = {
  ready: true,
  status: () => ({ running: true }),
  stop: async () => {
    calls.push("stop");
    return { running: false };
  },
  start: async () => {
    calls.push("start");
    return { running: true };
  },
} as unknown as Supervisor;

let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const port = await freePort();
  ({ close } = await listenControl(supervisor, port, "127.0.0.1"));
  url = `http://127.0.0.1:${port}`;
});

afterAll(() => close());

it.each(browserAttacks)("the supervisor's control port refuses %s", async (_, attack) => {
  for (const route of attack.method === "GET" ? ["/status"] : ["/stop", "/start"]) {
    const answer = await rawRequest(`${url}${route}`, attack);
    expect([403, 415], `${route}: ${answer.body}`).toContain(answer.status);
  }
  expect(calls).toEqual([]);
});

it("the supervisor's control port answers its own client", async () => {
  const stop = await rawRequest(`${url}/stop`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  expect(stop.status).toBe(200);
  expect(calls).toEqual(["stop"]);
  expect((await rawRequest(`${url}/status`)).status).toBe(200);
});
