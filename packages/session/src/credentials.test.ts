import { mkdtempSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Credentials from "next-auth/providers/credentials";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumedTokenStore } from "./consumed-token-store.ts";
import {
  bindCredentialsProvider,
  createCredentialsSignOutRoute,
  credentialsErrorCode,
  credentialsJwt,
  providerId,
  SignInDenied,
  SignInRefused,
} from "./credentials.ts";
import { createRevocationStore, type RevocationStore } from "./revocation-store.ts";
import { signInRequestCookie } from "./sign-in-request.ts";

const secret = "a-test-secret-of-at-least-thirty-two-characters";
const appUrl = "http://localhost:3005";
let dataDir: string;
let store: RevocationStore;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "credentials-"));
  store = createRevocationStore({
    namespace: "test",
    dataDir,
    retentionSeconds: 3600,
    redisUrl: "",
  });
});

afterAll(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

// Its own folder, made before the provider below is bound (describe bodies run at collection).
const consumedDir = mkdtempSync(join(tmpdir(), "credentials-consumed-"));
afterAll(() => rm(consumedDir, { recursive: true, force: true }));

describe("bindCredentialsProvider", () => {
  const cookie = signInRequestCookie("idpg-django-sso-3005", false, secret);
  const seen: unknown[] = [];
  const provider = bindCredentialsProvider(
    Credentials({
      id: "django-sso",
      name: "Django SSO",
      async authorize(input) {
        seen.push(input);
        return { id: "1", name: "Alice" };
      },
    }),
    cookie,
    createConsumedTokenStore({ namespace: "bind-test", dataDir: consumedDir, redisUrl: "" }),
  );
  const callback = (cookieHeader?: string) =>
    new Request(`${appUrl}/api/auth/callback/django-sso`, {
      method: "POST",
      headers: cookieHeader ? { cookie: cookieHeader } : {},
    });

  it("keeps the provider's id and type", () => {
    expect(providerId(provider)).toBe("django-sso");
    expect(provider.type).toBe("credentials");
  });

  it("hands authorize() the sign-in bound to this browser, never the request body", async () => {
    const sealed = await cookie.seal({ state: "request-1", redirectTo: "/protected" });
    const user = await provider.authorize(
      { state: "attacker-chosen", redirectTo: "https://evil.example" },
      callback(`${cookie.name}=${sealed}`),
    );
    expect(user).toEqual({ id: "1", name: "Alice" });
    expect(seen.at(-1)).toEqual({ state: "request-1", redirectTo: "/protected" });
  });

  it("completes a request once: a copied cookie replayed later signs nobody in", async () => {
    const sealed = await cookie.seal({ state: `request-${Date.now()}`, redirectTo: "/" });
    const copied = callback(`${cookie.name}=${sealed}`);
    expect(await provider.authorize({}, callback(`${cookie.name}=${sealed}`))).not.toBeNull();
    expect(await provider.authorize({}, copied)).toBeNull();
  });

  it("signs nobody in without the cookie", async () => {
    const before = seen.length;
    expect(await provider.authorize({ state: "request-1" }, callback())).toBeNull();
    expect(seen.length).toBe(before);
  });
});

describe("credentials sessions and revocation", () => {
  it("builds the session token from the user authorize() returned", () => {
    const token = credentialsJwt({ name: "x" }, {
      id: "1",
      name: "Alice Liddell",
      email: "alice@example.com",
      subject: "alice",
      claims: { username: "alice", is_staff: false },
    } as never);
    expect(token).toMatchObject({
      sub: "1",
      claims: {
        sub: "1",
        name: "Alice Liddell",
        email: "alice@example.com",
        username: "alice",
        is_staff: false,
      },
      tokens: { subject: "alice" },
    });
    expect(token.signedInAt).toBeLessThanOrEqual(Date.now());
  });

  it("maps sign-in failures to the error page's codes", () => {
    // What Auth.js throws: CredentialsSignin for a null user, CallbackRouteError wrapping a throw.
    const wrapped = (err: Error) => Object.assign(new Error("wrapped"), { cause: { err } });
    expect(credentialsErrorCode(Object.assign(new Error(), { type: "CredentialsSignin" }))).toBe(
      "SignInRefused",
    );
    expect(credentialsErrorCode(wrapped(new SignInRefused("used")))).toBe("SignInRefused");
    expect(credentialsErrorCode(wrapped(new SignInDenied("inactive")))).toBe("AccessDenied");
    expect(credentialsErrorCode(wrapped(new Error("fetch failed")))).toBe("Configuration");
  });
});

describe("createCredentialsSignOutRoute", () => {
  function route(options: { subject?: string; idp?: "ok" | "down" | "none" }) {
    const calls: string[] = [];
    const POST = createCredentialsSignOutRoute({
      appUrl,
      homePath: "/",
      getSubject: async () => options.subject,
      clearSession: async () => {
        calls.push("clear");
      },
      revocations: {
        ...store,
        kind: "sqlite",
        revoke: async (subject) => {
          calls.push(`revoke ${subject}`);
        },
        revokedAt: async () => null,
        close: async () => {},
      },
      idpLogout:
        options.idp === "none"
          ? undefined
          : async ({ subject }) => {
              calls.push(`idp ${subject}`);
              if (options.idp === "down") throw new Error("connect ECONNREFUSED");
            },
    });
    return { POST, calls };
  }
  const post = (origin: string | null) =>
    new Request(`${appUrl}/auth/sign-out`, { method: "POST", headers: origin ? { origin } : {} });
  const reason = (response: Response) =>
    new URL(response.headers.get("location") ?? "").searchParams.get("signed-out");

  it("refuses cross-origin requests and keeps the session", async () => {
    const { POST, calls } = route({ subject: "alice", idp: "ok" });
    expect((await POST(post("https://evil.example"))).status).toBe(403);
    expect((await POST(post(null))).status).toBe(403);
    expect(calls).toEqual([]);
  });

  it("ends the app session first, revokes the user's other sessions, then logs out at the IdP", async () => {
    const { POST, calls } = route({ subject: "alice", idp: "ok" });
    const response = await POST(post(appUrl));
    expect(response.status).toBe(303);
    expect(reason(response)).toBe("everywhere");
    expect(calls).toEqual(["clear", "revoke alice", "idp alice"]);
  });

  it("still ends the app session when the IdP is down, and says so", async () => {
    const { POST, calls } = route({ subject: "alice", idp: "down" });
    expect(reason(await POST(post(appUrl)))).toBe("idp-unreachable");
    expect(calls).toEqual(["clear", "revoke alice", "idp alice"]);
  });

  it("only clears the cookie when nobody is signed in", async () => {
    const { POST, calls } = route({ idp: "ok" });
    expect(reason(await POST(post(appUrl)))).toBe("local");
    expect(calls).toEqual(["clear"]);
  });
});
