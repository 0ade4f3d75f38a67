import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { cachingDiscovery, withFreshDiscovery } from "./discovery-cache.ts";

let server: Server | undefined;
afterEach(() => server?.close());

/** A real IdP on loopback that counts its discovery requests and can be told to fail. */
async function startIdp() {
  const state = { hits: 0, status: 200 };
  server = createServer((request, response) => {
    if (request.url?.endsWith("/.well-known/openid-configuration")) state.hits++;
    response.statusCode = state.status;
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ issuer: "x", n: state.hits }));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { state, discovery: `${origin}/o/.well-known/openid-configuration`, origin };
}

describe("cachingDiscovery", () => {
  it("answers a repeated discovery request from memory, with the same body and headers", async () => {
    const { state, discovery } = await startIdp();
    const cached = cachingDiscovery(fetch);
    const first = await cached(discovery);
    const second = await cached(discovery);
    expect(state.hits).toBe(1);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get("content-type")).toBe("application/json");
  });

  it("goes to the IdP when fresh discovery is asked for (sign-in start), and refreshes the cache", async () => {
    const { state, discovery } = await startIdp();
    const cached = cachingDiscovery(fetch);
    await cached(discovery);
    const fresh = await withFreshDiscovery(() => cached(discovery));
    expect(state.hits).toBe(2);
    expect((await fresh.json()).n).toBe(2);
    expect((await (await cached(discovery)).json()).n).toBe(2);
  });

  it("never keeps failures, other paths or other methods, and expires entries", async () => {
    const { state, discovery, origin } = await startIdp();
    state.status = 503;
    const cached = cachingDiscovery(fetch, 0);
    expect((await cached(discovery)).status).toBe(503);
    state.status = 200;
    await cached(discovery);
    await cached(discovery);
    expect(state.hits).toBe(3);
    await cached(`${origin}/o/token/`, { method: "POST" });
    await cached(`${origin}/o/token/`, { method: "POST" });
    expect(state.hits).toBe(3);
  });
});
