import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { targets } from "@idp-gallery/e2e";
import {
  beyondIdentityIdFor,
  createBeyondIdentity,
  createEmulator,
  type Emulator,
} from "@idp-gallery/emulators";
import { SoftwareAuthenticator } from "@idp-gallery/emulators/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bareSignIn } from "../bare-client.ts";
import { createHttpSession } from "../cookie-jar.ts";
import { appSignIn } from "../http-sign-in.ts";
import { createPasskeyDevice } from "../passkey-device.ts";
import {
  beyondIdentityHttpAdapter as adapter,
  jsonAnswer,
  newestBindingLink,
  parseAuthenticateLink,
} from "./beyond-identity.ts";
import type { BareClient, Credentials, PrepareUserContext } from "./index.ts";

// The real Beyond Identity emulator on a free port, and a stand-in for the app on the e2e target's
// app origin (registered at the emulator) that answers through the test's fetch: its register route,
// pages, Auth.js sign-in and callback (PKCE, the code redeemed at the emulator) and /api/me.
const target = targets["beyond-identity"];
if (!target) throw new Error("no beyond-identity e2e target");
const appUrl = "http://localhost:4002";
const seeded = target.users[0];
if (!seeded) throw new Error("no seeded user");
const aliceId = beyondIdentityIdFor(seeded.username);

let emulator: Emulator;
let dataDir: string;
let appEnv: Record<string, string>;
const appRequests: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "bench-bi-test-"));
  emulator = await createEmulator(createBeyondIdentity(), { port: 0, dataDir }).listen();
  appEnv = target.appEnv(appUrl, { ...target.idpServer, origin: emulator.url });
});

beforeEach(async () => {
  appRequests.length = 0;
  await fetch(`${emulator.url}/__emulator/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
});

afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
const redirect = (location: string, cookie?: string) =>
  new Response(null, {
    status: 302,
    headers: [["location", location], ...(cookie ? [["set-cookie", cookie]] : [])] as Array<
      [string, string]
    >,
  });
const html = (body: string) =>
  new Response(`<!DOCTYPE html><html><body>${body}</body></html>`, {
    headers: { "content-type": "text/html" },
  });

/** The app, as far as the bench's flows see it. */
async function fakeApp(request: Request): Promise<Response> {
  const url = new URL(request.url);
  appRequests.push(`${request.method} ${url.pathname}`);
  const issuer = appEnv.AUTH_BEYONDIDENTITY_ISSUER ?? "";
  const redirectUri = `${appUrl}/api/auth/callback/beyondidentity`;
  switch (`${request.method} ${url.pathname}`) {
    case "POST /api/register": {
      if (request.headers.get("origin") !== appUrl) return Response.json({}, { status: 403 });
      const { email } = (await request.json()) as { email: string };
      // An existing address: a binding job with delivery EMAIL (src/registration.ts).
      const token = await fetch(appEnv.BEYOND_IDENTITY_MANAGEMENT_TOKEN_URL ?? "", {
        method: "POST",
        headers: {
          authorization: basic(
            appEnv.BEYOND_IDENTITY_MANAGEMENT_CLIENT_ID ?? "",
            appEnv.BEYOND_IDENTITY_MANAGEMENT_CLIENT_SECRET ?? "",
          ),
        },
        body: new URLSearchParams({ grant_type: "client_credentials" }),
      }).then((r) => r.json() as Promise<{ access_token: string }>);
      const realm = issuer.replace(/\/applications\/.*$/, "");
      const auth = { authorization: `Bearer ${token.access_token}` };
      const filter = `traits.primary_email_address eq "${email}"`;
      const { identities } = (await fetch(
        `${realm}/identities?${new URLSearchParams({ filter })}`,
        { headers: auth },
      ).then((r) => r.json())) as { identities: Array<{ id: string }> };
      const job = await fetch(`${realm}/identities/${identities[0]?.id}/credential-binding-jobs`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({
          job: {
            delivery_method: "EMAIL",
            authenticator_config_id: appEnv.BEYOND_IDENTITY_AUTHENTICATOR_CONFIG_ID,
            post_binding_redirect_uri: `${appUrl}/auth/sign-in?callbackUrl=/protected`,
          },
        }),
      });
      if (!job.ok) throw new Error(`job: ${job.status}`);
      return Response.json({ status: "emailed" }, { status: 202 });
    }
    case "GET /bind":
      return html("<h1>Create your passkey</h1>");
    case "GET /bi-authenticate":
      return html("<section><h1>Sign in with a passkey</h1><p>Looking for passkeys…</p></section>");
    case "GET /auth/sign-in": {
      const verifier = randomBytes(32).toString("base64url");
      const state = randomBytes(8).toString("hex");
      const query = new URLSearchParams({
        response_type: "code",
        client_id: appEnv.AUTH_BEYONDIDENTITY_ID ?? "",
        redirect_uri: redirectUri,
        scope: "openid",
        state,
        code_challenge: createHash("sha256").update(verifier).digest("base64url"),
        code_challenge_method: "S256",
      });
      return redirect(`${issuer}/authorize?${query}`, `pkce=${state}.${verifier}; Path=/`);
    }
    case "GET /api/auth/callback/beyondidentity": {
      const [state, verifier] = (
        /pkce=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1] ?? ""
      ).split(".");
      if (url.searchParams.get("state") !== state) return redirect(`${appUrl}/auth/error`);
      const tokens = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: {
          authorization: basic(
            appEnv.AUTH_BEYONDIDENTITY_ID ?? "",
            appEnv.AUTH_BEYONDIDENTITY_SECRET ?? "",
          ),
        },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code: url.searchParams.get("code") ?? "",
          redirect_uri: redirectUri,
          code_verifier: verifier ?? "",
        }),
      }).then((r) => r.json() as Promise<{ id_token?: string }>);
      const claims = JSON.parse(
        Buffer.from(tokens.id_token?.split(".")[1] ?? "", "base64url").toString(),
      ) as { sub: string };
      return redirect(`${appUrl}/protected`, `session=${claims.sub}; Path=/; HttpOnly`);
    }
    case "GET /api/me": {
      const sub = /session=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1];
      return sub ? Response.json({ user: { id: sub } }) : Response.json({}, { status: 401 });
    }
    default:
      return new Response("not found", { status: 404 });
  }
}

const testFetch: typeof fetch = (input, init) => {
  const request = new Request(input, init);
  return new URL(request.url).origin === appUrl ? fakeApp(request) : fetch(request);
};

const context = (via: "app" | "idp"): PrepareUserContext => ({
  via,
  user: seeded,
  appUrl,
  appEnv,
  idpOrigin: emulator.url,
  fetch: testFetch,
});

async function prepare(via: "app" | "idp"): Promise<Credentials> {
  if (!adapter.prepareUser) throw new Error("the adapter prepares no user");
  return adapter.prepareUser(context(via));
}

describe("beyondIdentityHttpAdapter against the emulator", () => {
  it("enrols through the app (register, the outbox's link, /bind), then signs in through /bi-authenticate", async () => {
    const user = await prepare("app");
    expect(user.passkeys?.size).toBe(1);
    expect(appRequests).toEqual(["POST /api/register", "GET /bind"]);

    for (let i = 0; i < 2; i++) {
      const run = await appSignIn({
        appUrl,
        idpOrigin: emulator.url,
        adapter,
        user,
        fetch: testFetch,
      });
      expect(run.cookie).toContain(`session=${aliceId}`);
      expect(run.hops.map((hop) => `${hop.label} ${hop.status}`)).toEqual([
        "app GET /auth/sign-in 302",
        "idp GET /v1/tenants/:id/realms/:id/applications/:id/authorize 302",
        "app GET /bi-authenticate 200",
        "idp POST /v1/tenants/:id/realms/:id/applications/:id/bi-authenticate/options 200",
        "idp POST /v1/tenants/:id/realms/:id/applications/:id/bi-authenticate/verify 200",
        "app GET /api/auth/callback/beyondidentity 302",
        "app GET /api/me 200",
      ]);
    }
    // The device's counter rose with each verified assertion.
    const counters: number[] = [];
    await user.passkeys?.use(async (passkey) => counters.push(passkey.authenticator.counter));
    expect(counters).toEqual([2]);
  });

  it("enrols at the Management API and signs in bare: oauth4webapi around the passkey ceremony, no app", async () => {
    const user = await prepare("idp");
    expect(appRequests).toEqual([]);
    const bare = adapter.bareClient(appEnv, appUrl);
    const run = await bareSignIn({
      bare,
      adapter,
      user,
      idpOrigin: emulator.url,
      fetch: testFetch,
    });
    expect(run.sub).toBe(aliceId);
    expect(appRequests).toEqual([]);
    expect(
      run.hops.map((hop) => hop.label.replace("/v1/tenants/:id/realms/:id/applications/:id", "…")),
    ).toEqual([
      "idp GET …/.well-known/openid-configuration",
      "idp GET …/authorize",
      "idp POST …/bi-authenticate/options",
      "idp POST …/bi-authenticate/verify",
      "idp POST …/token",
      "idp GET …/.well-known/jwks.json",
    ]);
  });

  it("signs in concurrently with one passkey per sign-in, as the capacity section does", async () => {
    const user = await prepare("idp");
    await user.passkeys?.ensure(4);
    expect(user.passkeys?.size).toBe(4);
    const bare = adapter.bareClient(appEnv, appUrl);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        bareSignIn({ bare, adapter, user, idpOrigin: emulator.url, fetch: testFetch }),
      ),
    );
    expect(runs.map((run) => run.sub)).toEqual([aliceId, aliceId, aliceId, aliceId]);
    // One more concurrent sign-in than passkeys: it fails, and never shares another's passkey.
    const settled = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        bareSignIn({ bare, adapter, user, idpOrigin: emulator.url, fetch: testFetch }),
      ),
    );
    expect(settled.filter((result) => result.status === "fulfilled")).toHaveLength(4);
    expect(
      settled.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : [])),
    ).toEqual([expect.stringContaining("All 4 passkeys of the device are in use")]);
  });

  it("fails on a passkey the emulator does not know", async () => {
    const user = await prepare("idp");
    const stranger: Credentials = {
      ...user,
      passkeys: createPasskeyDevice(async () => ({
        id: "0123456789abcdef",
        authenticator: new SoftwareAuthenticator(),
      })),
    };
    await stranger.passkeys?.ensure(1);
    const bare = adapter.bareClient(appEnv, appUrl);
    await expect(
      bareSignIn({ bare, adapter, user: stranger, idpOrigin: emulator.url, fetch: testFetch }),
    ).rejects.toThrow("bi-authenticate/options answered 404");
  });
});

describe("beyondIdentityHttpAdapter", () => {
  const issuer = "http://localhost:8860/v1/tenants/t/realms/r/applications/a";
  const jwt = (claims: object) =>
    `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

  it("reads the hand-off: the request, its issuer and the page's origin", () => {
    const request = jwt({ iss: issuer, jti: "uid" });
    expect(parseAuthenticateLink(`${appUrl}/bi-authenticate?request=${request}`)).toEqual({
      request,
      issuer,
      pageOrigin: appUrl,
    });
    expect(parseAuthenticateLink(`${appUrl}/bind?request=${request}`)).toBeUndefined();
    expect(parseAuthenticateLink(`${appUrl}/bi-authenticate?request=nope`)).toBeUndefined();
    expect(
      parseAuthenticateLink(`${appUrl}/bi-authenticate?request=${jwt({ iss: "data:x" })}`),
    ).toBeUndefined();
  });

  it("runs the ceremony on the app's passkey page only, and needs an enrolled passkey", () => {
    const at = `${appUrl}/bi-authenticate?request=${jwt({ iss: issuer })}`;
    const passkeyPage = "<main><h1>Sign in with a passkey</h1></main>";
    const passkeys = createPasskeyDevice(async () => {
      throw new Error("unused");
    });
    expect(
      adapter.nextStep({ url: at, status: 200, text: passkeyPage }, { ...seeded, passkeys }),
    ).toMatchObject({ kind: "script" });
    expect(
      adapter.nextStep({ url: at, status: 200, text: "<h1>Error</h1>" }, { ...seeded, passkeys }),
    ).toBeUndefined();
    expect(
      adapter.nextStep({ url: issuer, status: 200, text: passkeyPage }, { ...seeded, passkeys }),
    ).toBeUndefined();
    expect(() => adapter.nextStep({ url: at, status: 200, text: passkeyPage }, seeded)).toThrow(
      "no passkey",
    );
  });

  it("is an OIDC client with the app's scope and callback, completing the hand-off on the app's origin", () => {
    const bare: BareClient = adapter.bareClient(
      {
        AUTH_BEYONDIDENTITY_ISSUER: issuer,
        AUTH_BEYONDIDENTITY_ID: "id",
        AUTH_BEYONDIDENTITY_SECRET: "secret",
      },
      appUrl,
    );
    if (bare.kind !== "oidc" || !bare.handOff)
      throw new Error("expected an OIDC client with a hand-off");
    expect(bare.client).toEqual({
      issuer,
      clientId: "id",
      clientSecret: "secret",
      scope: "openid",
      redirectUri: `${appUrl}/api/auth/callback/beyondidentity`,
    });
    const request = jwt({ iss: issuer });
    expect(bare.handOff.matches(`${appUrl}/bi-authenticate?request=${request}`)).toBe(true);
    expect(bare.handOff.matches(`http://localhost:3002/bi-authenticate?request=${request}`)).toBe(
      false,
    );
    expect(bare.handOff.matches(`${appUrl}/api/auth/callback/beyondidentity?code=x`)).toBe(false);
    expect(() => adapter.bareClient({}, appUrl)).toThrow("AUTH_BEYONDIDENTITY_ISSUER");
  });

  it("finds the newest binding link in the outbox", () => {
    const outbox = `<h1>Outbox for a@example.com</h1>
<article><a class="button" href="http://idp/v1/x:invokeAuthenticator?token=new&amp;y=1">Bind passkey</a></article>
<article><a class="button" href="http://idp/v1/x:invokeAuthenticator?token=old">Bind passkey</a></article>`;
    expect(newestBindingLink(outbox, "http://idp/outbox")).toBe(
      "http://idp/v1/x:invokeAuthenticator?token=new&y=1",
    );
    expect(newestBindingLink("<p>No messages.</p>", "http://idp/outbox")).toBeUndefined();
  });

  it("accepts only JSON objects with the expected status", () => {
    expect(jsonAnswer("step", { status: 200, text: '{"a":1}' })).toEqual({ a: 1 });
    expect(jsonAnswer("step", { status: 202, text: "{}" }, 202)).toEqual({});
    expect(() => jsonAnswer("step", { status: 400, text: '{"error":"x"}' })).toThrow(
      "step answered 400",
    );
    expect(() => jsonAnswer("step", { status: 200, text: "<html>" })).toThrow("not JSON");
  });
});

describe("createHttpSession", () => {
  it("sends a string body with the caller's content type, and can leave cookies out", async () => {
    const seen: Array<{ cookie: string | null; type: string | null; body: string }> = [];
    const fake: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      seen.push({
        cookie: request.headers.get("cookie"),
        type: request.headers.get("content-type"),
        body: await request.text(),
      });
      return new Response("{}", { headers: { "set-cookie": "b=2; Path=/" } });
    };
    const session = createHttpSession(() => "x", fake);
    await session.jar.setCookie("a=1; Path=/", "http://localhost:1/");
    await session.request("POST", "http://localhost:1/", '{"x":1}', {
      "content-type": "application/json",
    });
    await session.request(
      "POST",
      "http://localhost:1/",
      new URLSearchParams({ y: "2" }),
      {},
      {
        cookies: false,
      },
    );
    expect(seen).toEqual([
      { cookie: "a=1", type: "application/json", body: '{"x":1}' },
      { cookie: null, type: "application/x-www-form-urlencoded", body: "y=2" },
    ]);
    // Only the request that sent cookies kept the answer's.
    expect(await session.jar.getCookieString("http://localhost:1/")).toBe("a=1; b=2");
  });
});
