import { customFetch, type NextAuthResult } from "next-auth";
import type { JWT } from "next-auth/jwt";
import type { OIDCConfig } from "next-auth/providers";
import BeyondIdentity from "next-auth/providers/beyondidentity";
import Credentials from "next-auth/providers/credentials";
import { describe, expect, it, vi } from "vitest";
import { resolveSettings } from "./auth-settings.ts";
import { type JwtCallbackInput, pickStrategy, type StrategyContext } from "./auth-strategy.ts";
import type { GalleryAuthOptions } from "./authjs.ts";

const secret = "a-test-secret-of-at-least-thirty-two-characters";
const appUrl = "http://localhost:3001";

const oidcProvider = (overrides: Record<string, unknown> = {}) =>
  ({
    id: "wso2",
    name: "WSO2",
    type: "oidc",
    issuer: "https://localhost:9443/oauth2/token",
    clientId: "gallery",
    clientSecret: "client-secret",
    ...overrides,
  }) as OIDCConfig<never>;

const strategyFor = (provider: GalleryAuthOptions["provider"]) => {
  const options: GalleryAuthOptions = { idp: "wso2", idpName: "WSO2", provider, appUrl, secret };
  return pickStrategy(options, resolveSettings(options));
};

const credentialsProvider = () =>
  Credentials({ id: "django-sso", name: "Django SSO", authorize: async () => null });

/** A jwt callback input as Auth.js passes it: a bare token, plus whatever the sign-in carries. */
const jwtInput = (extra: Partial<JwtCallbackInput> = {}) =>
  ({ token: { name: "Alice", sub: "from-auth-js" } as JWT, ...extra }) as JwtCallbackInput;

describe("pickStrategy", () => {
  it("picks Credentials for a Credentials provider, keeping its id", () => {
    const strategy = strategyFor(credentialsProvider());
    expect(strategy.kind).toBe("credentials");
    expect(strategy.provider).toMatchObject({ id: "django-sso", type: "credentials" });
  });

  it("picks OIDC otherwise, with PKCE + state + nonce by default", () => {
    const strategy = strategyFor(oidcProvider());
    expect(strategy.kind).toBe("oidc");
    expect(strategy.provider).toMatchObject({ id: "wso2", checks: ["pkce", "state", "nonce"] });
  });

  it("picks OIDC for a built-in provider, whose issuer and client id sit in its options", () => {
    const provider = BeyondIdentity({
      clientId: "gallery",
      clientSecret: "client-secret",
      issuer: "https://auth.example.com/v1/tenants/t/realms/r/applications/a",
    });
    expect(strategyFor(provider as OIDCConfig<never>).provider).toMatchObject({
      id: "beyondidentity",
      issuer: "https://auth.example.com/v1/tenants/t/realms/r/applications/a",
      clientId: "gallery",
    });
  });

  it("refuses to start an OIDC app without the issuer sign-out needs", () => {
    expect(() => strategyFor(oidcProvider({ issuer: undefined }))).toThrow(
      "the provider's issuer is not set",
    );
  });
});

describe("the OIDC strategy", () => {
  it("sends every IdP call through the provider's own fetch, under the timeout", async () => {
    const own = vi.fn(async () => new Response("{}"));
    const strategy = strategyFor(oidcProvider({ [customFetch]: own }));
    const idpFetch = (strategy.provider as unknown as Record<symbol, typeof fetch>)[customFetch];
    await idpFetch?.("https://localhost:9443/oauth2/token", { method: "POST" });
    expect(own).toHaveBeenCalledOnce();
    expect(own.mock.calls[0]).toMatchObject([
      "https://localhost:9443/oauth2/token",
      { method: "POST", signal: expect.any(AbortSignal) },
    ]);
  });

  it("writes the profile's claims and the IdP's tokens at sign-in, and nothing on later reads", () => {
    const strategy = strategyFor(oidcProvider());
    const token = strategy.tokenAtSignIn(
      jwtInput({
        account: {
          type: "oidc",
          provider: "wso2",
          providerAccountId: "alice",
          access_token: "at",
          id_token: "it",
          expires_at: 1_900_000_000,
        },
        profile: { sub: "alice", name: "Alice" },
      }),
    );
    expect(token).toMatchObject({
      sub: "alice",
      claims: { sub: "alice", name: "Alice" },
      tokens: { accessToken: "at", idToken: "it", accessTokenExpiresAt: 1_900_000_000 },
      signedInAt: expect.any(Number),
    });
    expect(strategy.tokenAtSignIn(jwtInput())).toBeUndefined();
  });

  it("starts sign-in with its provider and a same-origin target only", async () => {
    const signIn = vi.fn(async () => undefined);
    const routes = strategyFor(oidcProvider()).routes(contextWith({ signIn }));
    const start = (callbackUrl: string) =>
      routes.signInRoute(new Request(`${appUrl}/auth/sign-in?callbackUrl=${callbackUrl}`));
    expect((await start("%2Fprotected%3Ftab%3D1")).status).toBe(204);
    await start("https%3A%2F%2Fevil.example%2F");
    expect(signIn.mock.calls).toEqual([
      ["wso2", { redirectTo: "/protected?tab=1" }],
      ["wso2", { redirectTo: "/" }],
    ]);
  });

  it("has no app-side return route: Auth.js's callback completes the sign-in", async () => {
    const routes = strategyFor(oidcProvider()).routes(contextWith({}));
    const response = await routes.completeSignInRoute(new Request(`${appUrl}/sso/accept/`));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not a credentials sign-in" });
  });
});

describe("the Credentials strategy", () => {
  it("writes the user authorize() returned at sign-in, and nothing otherwise", () => {
    const strategy = strategyFor(credentialsProvider());
    const user = { id: "7", name: "Alice", subject: "alice-handle", claims: { role: "staff" } };
    const account = {
      type: "credentials",
      provider: "django-sso",
      providerAccountId: "7",
    } as const;
    expect(strategy.tokenAtSignIn(jwtInput({ account, user }))).toMatchObject({
      sub: "7",
      claims: { role: "staff", sub: "7", name: "Alice" },
      tokens: { subject: "alice-handle" },
    });
    expect(strategy.tokenAtSignIn(jwtInput())).toBeUndefined();
    const oidcAccount = { ...account, type: "oidc" } as const;
    expect(strategy.tokenAtSignIn(jwtInput({ account: oidcAccount, user }))).toBeUndefined();
  });
});

/** The shared core as the routes see it; `nextAuth` holds only what a test calls. */
function contextWith(nextAuth: Record<string, unknown>): StrategyContext {
  return {
    nextAuth: nextAuth as unknown as NextAuthResult,
    getServerTokens: async () => null,
    clearSession: async () => {},
    revocations: undefined,
  };
}
