import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createSignOutRoute, type SignOutRouteOptions } from "./sign-out.ts";

const appUrl = "http://localhost:3003";
let server: Server | undefined;

afterEach(() => server?.close());

/** A real IdP discovery endpoint on loopback, serving `document` (or dropping connections). */
async function startIdp(document: ((issuer: string) => object) | "down"): Promise<string> {
  server = createServer((request, response) => {
    if (document === "down") return request.socket.destroy();
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(document(issuer)));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/o`;
  return issuer;
}

function route(issuer: string, overrides: Partial<SignOutRouteOptions> = {}) {
  const calls = { cleared: 0 };
  const POST = createSignOutRoute({
    appUrl,
    homePath: "/",
    issuer,
    clientId: "client-1",
    logout: "rp-initiated-if-supported",
    fetch,
    getIdToken: async () => "id.token.value",
    clearSession: async () => {
      calls.cleared++;
    },
    ...overrides,
  });
  return { POST, calls };
}

const post = (origin: string | null) =>
  new Request(`${appUrl}/auth/sign-out`, { method: "POST", headers: origin ? { origin } : {} });

const discovery = (endSession: boolean) => (issuer: string) => ({
  issuer,
  authorization_endpoint: `${issuer}/authorize/`,
  token_endpoint: `${issuer}/token/`,
  jwks_uri: `${issuer}/.well-known/jwks.json`,
  ...(endSession ? { end_session_endpoint: `${issuer}/logout/` } : {}),
});

describe("createSignOutRoute", () => {
  it("refuses cross-origin requests and keeps the session", async () => {
    const { POST, calls } = route(await startIdp(discovery(true)));
    for (const origin of ["https://evil.example", null]) {
      const response = await POST(post(origin));
      expect(response.status).toBe(403);
    }
    expect(calls.cleared).toBe(0);
  });

  it("ends the app session and sends the browser to the IdP's end-session endpoint", async () => {
    const issuer = await startIdp(discovery(true));
    const { POST, calls } = route(issuer);
    const response = await POST(post(appUrl));
    expect(calls.cleared).toBe(1);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`${issuer}/logout/`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      id_token_hint: "id.token.value",
      client_id: "client-1",
      post_logout_redirect_uri: `${appUrl}/`,
    });
  });

  it("says so when the IdP has no RP-initiated logout", async () => {
    const { POST, calls } = route(await startIdp(discovery(false)));
    const response = await POST(post(appUrl));
    expect(calls.cleared).toBe(1);
    expect(response.headers.get("location")).toBe(`${appUrl}/?signed-out=no-rp-logout`);
  });

  it("still ends the app session when the IdP is down", async () => {
    const { POST, calls } = route(await startIdp("down"));
    const response = await POST(post(appUrl));
    expect(calls.cleared).toBe(1);
    expect(response.headers.get("location")).toBe(`${appUrl}/?signed-out=idp-unreachable`);
  });

  it("only ends the app session when configured for local logout", async () => {
    const { POST } = route(await startIdp(discovery(true)), { logout: "local" });
    expect((await POST(post(appUrl))).headers.get("location")).toBe(`${appUrl}/?signed-out=local`);
  });
});
