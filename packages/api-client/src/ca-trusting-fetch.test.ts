import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DevCa, loadOrCreateDevCa } from "@idp-gallery/emulators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createCaTrustingFetch } from "./ca-trusting-fetch.ts";
import { NetworkError } from "./errors.ts";
import { requestJson } from "./request-json.ts";
import { type LocalServer, sendJson, startLocalServer } from "./test-support/local-server.ts";

// Two independent development CAs, made by the emulators' own code; the server uses the first.
let roots: string[];
let ours: DevCa;
let theirs: DevCa;
let server: LocalServer;

beforeAll(async () => {
  roots = await Promise.all([1, 2].map(() => mkdtemp(join(tmpdir(), "api-client-ca-"))));
  [ours, theirs] = (await Promise.all(roots.map((root) => loadOrCreateDevCa(root)))) as [
    DevCa,
    DevCa,
  ];
  server = await startLocalServer({ tls: { key: ours.serverKey, cert: ours.serverCert } });
  server.route("/ok", (_req, res) => sendJson(res, 200, { ok: true }));
});

afterAll(async () => {
  await server.close();
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

const causeCode = (error: unknown) =>
  ((error as Error).cause as { code?: string } | undefined)?.code;

describe("createCaTrustingFetch", () => {
  it("reaches a server whose certificate chains to the trusted CA", async () => {
    const trusted = createCaTrustingFetch({ caFile: ours.caFile });
    const response = await trusted(`${server.origin}/ok`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    const fromPem = createCaTrustingFetch({ ca: ours.caCert });
    expect((await fromPem(`${server.origin}/ok`)).status).toBe(200);
  });

  it("refuses a certificate from another CA, and so does the plain fetch", async () => {
    const wrongCa = createCaTrustingFetch({ caFile: theirs.caFile });
    const refused = await wrongCa(`${server.origin}/ok`).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TypeError);
    expect(causeCode(refused)).toMatch(
      /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)$/,
    );

    const plain = await fetch(`${server.origin}/ok`).catch((e: unknown) => e);
    expect(causeCode(plain)).toBe("SELF_SIGNED_CERT_IN_CHAIN");
  });

  it("turns the refusal into the api-client's NetworkError", async () => {
    const error = await requestJson(`${server.origin}/ok`, {
      schema: z.object({ ok: z.boolean() }),
      fetch: createCaTrustingFetch({ caFile: theirs.caFile }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).url).toBe(`${server.origin}/ok`);
  });

  it("reports an unreadable CA file, and reads it once it exists", async () => {
    const root = await mkdtemp(join(tmpdir(), "api-client-ca-late-"));
    roots.push(root);
    const later = createCaTrustingFetch({ caFile: join(root, "ca", "ca.pem") });
    await expect(later(`${server.origin}/ok`)).rejects.toThrow(/Cannot read the CA file/);
    await loadOrCreateDevCa(root);
    // A different CA, so the call now fails at the TLS handshake instead of at reading the file.
    expect(causeCode(await later(`${server.origin}/ok`).catch((e: unknown) => e))).toBeDefined();
  });
});
