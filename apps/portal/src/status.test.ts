import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntry, probe } from "./status.ts";

let server: Server;
let origin: string;
let closedPort: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith("/hang")) return; // never answers
    res.statusCode = req.url === "/api/health" ? 200 : 503;
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was just free: nothing listens there.
  const probeServer = createServer();
  await new Promise<void>((resolve) => probeServer.listen(0, "127.0.0.1", resolve));
  closedPort = (probeServer.address() as AddressInfo).port;
  await new Promise((resolve) => probeServer.close(resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("probe", () => {
  it("is up on a 2xx answer, with how long it took", async () => {
    expect(await probe(`${origin}/api/health`, 1000)).toMatchObject({ state: "up" });
  });

  it("is down on another status, a closed port, or no answer within the timeout", async () => {
    expect(await probe(`${origin}/other`, 1000)).toEqual({ state: "down", reason: "answered 503" });
    expect(await probe(`http://127.0.0.1:${closedPort}/`, 1000)).toEqual({
      state: "down",
      reason: "not running",
    });
    const started = performance.now();
    expect(await probe(`${origin}/hang`, 200)).toEqual({
      state: "down",
      reason: "no answer within 200 ms",
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("checkEntry", () => {
  it("checks the app's /api/health and the IdP's health URL", async () => {
    const status = await checkEntry(
      { appUrl: origin, idpHealthUrl: `${origin}/__emulator/health` },
      1000,
    );
    expect(status.app.state).toBe("up");
    expect(status.idp).toEqual({ state: "down", reason: "answered 503" });
  });
});
