import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createRevocationStore, type RevocationStore } from "./revocation-store.ts";
import { createServerSessions, type ServerSessions } from "./server-sessions.ts";
import { createSessionLifecycle, type SessionLifecycleOptions } from "./session-lifecycle.ts";
import type { SessionLifetime } from "./session-lifetime.ts";
import { createSessionStore, type SessionStore } from "./session-store.ts";
import { createTokenRefresher } from "./token-refresh.ts";

/**
 * A loopback authorization server whose token endpoint follows RFC 6749 §6: a refresh token is
 * traded once for new tokens (rotation, as DOT, WSO2 and Logto do) or, with `rotate: false`, kept;
 * anything it does not know is `invalid_grant` (§5.2).
 */
class TokenEndpoint {
  server: Server | undefined;
  issuer = "";
  grants = 0;
  rotate = true;
  expiresIn = 3600;
  failWith: number | undefined;
  /** The next answers' JSON error body with `failWith` (an OAuth error), instead of an HTML page. */
  failJson: object | undefined;
  /** Holds each answer until released, so concurrent callers really overlap. */
  gate: Promise<void> | undefined;
  readonly valid = new Set<string>();
  #counter = 0;

  issueRefreshToken(): string {
    const token = `rt-${++this.#counter}`;
    this.valid.add(token);
    return token;
  }

  async start() {
    this.server = createServer(async (request, response) => {
      response.setHeader("content-type", "application/json");
      if (request.url?.endsWith("/.well-known/openid-configuration")) {
        return response.end(
          JSON.stringify({
            issuer: this.issuer,
            authorization_endpoint: `${this.issuer}/authorize`,
            token_endpoint: `${this.issuer}/token`,
            jwks_uri: `${this.issuer}/jwks`,
          }),
        );
      }
      let body = "";
      for await (const chunk of request) body += chunk;
      this.grants++;
      await this.gate;
      if (this.failWith) {
        response.statusCode = this.failWith;
        return response.end(this.failJson ? JSON.stringify(this.failJson) : "<html>down</html>");
      }
      const form = new URLSearchParams(body);
      const presented = form.get("refresh_token") ?? "";
      if (form.get("grant_type") !== "refresh_token" || !this.valid.has(presented)) {
        response.statusCode = 400;
        return response.end(JSON.stringify({ error: "invalid_grant" }));
      }
      if (this.rotate) this.valid.delete(presented);
      const refreshToken = this.rotate ? this.issueRefreshToken() : undefined;
      response.end(
        JSON.stringify({
          access_token: `at-${this.grants}`,
          token_type: "Bearer",
          expires_in: this.expiresIn,
          ...(refreshToken ? { refresh_token: refreshToken } : {}),
        }),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/o`;
  }
}

const lifetime: SessionLifetime = { idleSeconds: 3600, absoluteSeconds: 7200 };
const nowSeconds = () => Math.floor(Date.now() / 1000);

let dataDir: string;
let store: SessionStore;
let sessions: ServerSessions;
let revocations: RevocationStore;
let idp: TokenEndpoint;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "lifecycle-"));
  store = createSessionStore({ namespace: "app", dataDir, redisUrl: "" });
  sessions = createServerSessions(store, lifetime);
  revocations = createRevocationStore({
    namespace: "app",
    dataDir,
    redisUrl: "",
    retentionSeconds: 7200,
  });
});
afterAll(async () => {
  await store.close();
  await revocations.close();
  await rm(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  idp = new TokenEndpoint();
  await idp.start();
});
afterEach(() => {
  idp.server?.close();
  vi.restoreAllMocks();
});

function lifecycle(overrides: Partial<SessionLifecycleOptions> = {}) {
  const refresh = createTokenRefresher({
    issuer: idp.issuer,
    clientId: "app",
    clientSecret: "secret",
    fetch: (input, init) => fetch(input, init),
  });
  return createSessionLifecycle({
    idpName: "Test IdP",
    sessions,
    lifetime,
    revocations,
    refresh,
    ...overrides,
  });
}

/** A signed-in session whose access token expires in `expiresIn` seconds (of `lifetime`). */
async function signedIn(expiresIn: number, signedInAt = Date.now() - 1000, lifetime = 3600) {
  const refreshToken = idp.issueRefreshToken();
  const sid = await sessions.begin({
    claims: { sub: "alice" },
    tokens: {
      accessToken: "at-0",
      refreshToken,
      accessTokenExpiresAt: nowSeconds() + expiresIn,
      accessTokenLifetimeSeconds: lifetime,
    },
    signedInAt,
  });
  return { sid, sub: "alice", signedInAt, refreshToken };
}

const accessTokenOf = (state: Awaited<ReturnType<ReturnType<typeof lifecycle>["current"]>>) =>
  state.state === "active" ? state.record.tokens.accessToken : state.state;

describe("session lifecycle: refresh", () => {
  it("leaves a token with time to spare alone", async () => {
    const handle = await signedIn(3600);
    expect(accessTokenOf(await lifecycle().current(handle))).toBe("at-0");
    expect(idp.grants).toBe(0);
  });

  it("refreshes shortly before expiry, stores the rotated refresh token, and uses it next time", async () => {
    const handle = await signedIn(30);
    const first = await lifecycle().current(handle);
    expect(accessTokenOf(first)).toBe("at-1");
    const stored = await sessions.read(handle.sid);
    expect(stored?.tokens.refreshToken).not.toBe(handle.refreshToken);
    expect(idp.valid.has(stored?.tokens.refreshToken ?? "")).toBe(true);
    expect(stored?.tokens.accessTokenExpiresAt).toBeGreaterThan(nowSeconds() + 3000);
    // The next request finds the new tokens in the store: no second grant.
    expect(accessTokenOf(await lifecycle().current(handle))).toBe("at-1");
    expect(idp.grants).toBe(1);
  });

  it("keeps the old refresh token when the IdP does not rotate it", async () => {
    idp.rotate = false;
    const handle = await signedIn(-10);
    await lifecycle().current(handle);
    expect((await sessions.read(handle.sid))?.tokens.refreshToken).toBe(handle.refreshToken);
  });

  it("shares one refresh among concurrent requests of a session", async () => {
    const handle = await signedIn(-10);
    let release = () => {};
    idp.gate = new Promise((resolve) => {
      release = resolve;
    });
    const sessionLifecycle = lifecycle();
    const pending = Array.from({ length: 5 }, () => sessionLifecycle.current(handle));
    await vi.waitFor(() => expect(idp.grants).toBe(1));
    release();
    const states = await Promise.all(pending);
    expect(states.map(accessTokenOf)).toEqual(Array(5).fill("at-1"));
    expect(idp.grants).toBe(1);
  });

  it("ends the session when the IdP refuses the refresh token, and deletes its record", async () => {
    const handle = await signedIn(-10);
    idp.valid.delete(handle.refreshToken);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const state = await lifecycle().current(handle);
    expect(state).toEqual({ state: "ended", reason: "refresh refused" });
    expect(await sessions.read(handle.sid)).toBeNull();
    expect(errors.mock.calls[0]?.[0]).toContain("Test IdP refused to refresh");
  });

  it("keeps the session and its tokens while the IdP is down, and refreshes once it is back", async () => {
    const handle = await signedIn(-10);
    idp.failWith = 503;
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(accessTokenOf(await lifecycle().current(handle))).toBe("at-0");
    idp.failWith = undefined;
    expect(accessTokenOf(await lifecycle().current(handle))).toBe("at-2");
  });

  it("keeps the session through outages that are no refusal: 429, invalid_client, an HTML page", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const handle = await signedIn(-10);
    const answers: Array<[number, object | undefined]> = [
      [429, { error: "slow_down" }],
      [401, { error: "invalid_client" }],
      [404, undefined],
      [502, undefined],
    ];
    for (const [status, json] of answers) {
      idp.failWith = status;
      idp.failJson = json;
      expect(accessTokenOf(await lifecycle().current(handle)), `${status}`).toBe("at-0");
    }
    expect(await sessions.read(handle.sid)).not.toBeNull();
  });

  it("refreshes a short-lived token at half its lifetime, not on every request", async () => {
    const handle = await signedIn(8, Date.now() - 1000, 10);
    expect(accessTokenOf(await lifecycle().current(handle))).toBe("at-0");
    expect(idp.grants).toBe(0);
    const due = await signedIn(4, Date.now() - 1000, 10);
    expect(accessTokenOf(await lifecycle().current(due))).toBe("at-1");
  });

  it("does not bring back a session that was signed out while its refresh was under way", async () => {
    const handle = await signedIn(-10);
    let release = () => {};
    idp.gate = new Promise((resolve) => {
      release = resolve;
    });
    const pending = lifecycle().current(handle);
    await vi.waitFor(() => expect(idp.grants).toBe(1));
    await sessions.end(handle.sid);
    release();
    expect((await pending).state).toBe("ended");
    expect(await sessions.read(handle.sid)).toBeNull();
  });

  it("keeps a session whose token another instance rotated a moment ago", async () => {
    const handle = await signedIn(-10);
    const stale = await sessions.read(handle.sid);
    if (!stale) throw new Error("no record");
    // Another instance refreshed first: the store holds its new refresh token, ours is used up.
    idp.valid.delete(handle.refreshToken);
    await sessions.save(handle.sid, {
      ...stale,
      tokens: { ...stale.tokens, refreshToken: idp.issueRefreshToken(), accessToken: "at-other" },
    });
    // This instance read the record before that save (its first two reads), then sees the store.
    let reads = 0;
    const racing: ServerSessions = {
      ...sessions,
      read: async (id) => (reads++ < 2 ? stale : sessions.read(id)),
    };
    const state = await lifecycle({ sessions: racing }).current(handle);
    expect(accessTokenOf(state)).toBe("at-other");
    expect(await sessions.read(handle.sid)).not.toBeNull();
  });

  it("does not refresh a session without a refresh token", async () => {
    const sid = await sessions.begin({
      claims: { sub: "bob" },
      tokens: { accessToken: "at-x", accessTokenExpiresAt: nowSeconds() - 10 },
      signedInAt: Date.now(),
    });
    expect(accessTokenOf(await lifecycle().current({ sid, signedInAt: Date.now() }))).toBe("at-x");
    expect(idp.grants).toBe(0);
  });
});

describe("session lifecycle: how sessions end", () => {
  it("ends a session past its absolute lifetime, however recently it was used, and deletes it", async () => {
    const handle = await signedIn(3600, Date.now() - 7200 * 1000);
    expect((await lifecycle().current(handle)).state).toBe("ended");
    await vi.waitFor(async () => expect(await store.get(handle.sid)).toBeNull());
  });

  it("ends a session whose record was deleted (signed out, or a copied cookie)", async () => {
    const handle = await signedIn(3600);
    await sessions.end(handle.sid);
    expect(await lifecycle().current(handle)).toEqual({ state: "ended", reason: "signed out" });
  });

  it("ends a session whose user was revoked after it started, and keeps later ones", async () => {
    const handle = await signedIn(3600, Date.now() - 5000);
    await revocations.revoke("alice", Date.now() - 2000);
    expect((await lifecycle().current(handle)).state).toBe("ended");
    const later = await signedIn(3600, Date.now());
    expect((await lifecycle().current(later)).state).toBe("active");
  });

  it("answers unavailable (fail closed, nothing deleted) when the store cannot answer", async () => {
    const handle = await signedIn(3600);
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(store, "get").mockRejectedValueOnce(new Error("disk gone"));
    expect((await lifecycle().current(handle)).state).toBe("unavailable");
    expect((await lifecycle().current(handle)).state).toBe("active");
  });
});
