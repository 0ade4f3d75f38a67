import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchWithTimeout } from "./fetch-with-timeout.ts";

let server: Server;
let origin: string;

beforeAll(async () => {
  // "/hang" never answers; everything else answers at once.
  server = createServer((request, response) => {
    if (request.url !== "/hang") response.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("fetchWithTimeout", () => {
  it("uses the global fetch by default", async () => {
    const response = await fetchWithTimeout(2000)(`${origin}/`);
    expect(await response.text()).toBe("ok");
  });

  it("runs a given base fetch (such as a CA-trusting one) with the timeout signal added", async () => {
    const calls: Array<{ url: string; signal: AbortSignal | null | undefined; method?: string }> =
      [];
    const base: typeof fetch = (input, init) => {
      calls.push({ url: String(input), signal: init?.signal, method: init?.method });
      return fetch(input, init);
    };
    const response = await fetchWithTimeout(2000, base)(`${origin}/`, { method: "POST" });
    expect(await response.text()).toBe("ok");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe("POST");
    expect(calls[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it("gives up on an IdP that never answers, through the base fetch too", async () => {
    const base: typeof fetch = (input, init) => fetch(input, init);
    const error = await fetchWithTimeout(200, base)(`${origin}/hang`).catch((e: unknown) => e);
    expect((error as Error).name).toBe("TimeoutError");
  });

  it("still honours the caller's own signal", async () => {
    const controller = new AbortController();
    const pending = fetchWithTimeout(5000)(`${origin}/hang`, { signal: controller.signal });
    controller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
  });
});
