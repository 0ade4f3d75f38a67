import { decodeJwt } from "jose";
import { EmulatorControl } from "../src/control.ts";
import type { Emulator } from "../src/core/create-emulator.ts";

/** Where a surface's token, userinfo and introspection endpoints are, and how the app calls them. */
export interface TokenClient {
  fetch: typeof fetch;
  /** The registered app's `Authorization: Basic …`. */
  auth: string;
  token: string;
  userinfo: string;
  introspection?: string;
}

export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

async function answer(response: Response): Promise<JsonAnswer> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** The emulator's control client (trusting its CA when it serves https). */
export function controlFor(emulator: Emulator, timeoutMs: number): EmulatorControl {
  return new EmulatorControl({ url: emulator.url, timeoutMs, caFile: emulator.ca?.caFile });
}

export async function tokenRequest(client: TokenClient, form: Record<string, string>) {
  const response = await client.fetch(client.token, {
    method: "POST",
    headers: { authorization: client.auth, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  return answer(response);
}

export function refresh(client: TokenClient, refreshToken: unknown) {
  return tokenRequest(client, { grant_type: "refresh_token", refresh_token: String(refreshToken) });
}

export async function userinfo(client: TokenClient, accessToken: unknown) {
  const response = await client.fetch(client.userinfo, {
    headers: { authorization: `Bearer ${String(accessToken)}` },
  });
  return answer(response);
}

/** RFC 7662 introspection as the registered app: `active`, `exp`, `iat` of any of its tokens. */
export async function introspect(client: TokenClient, token: unknown) {
  if (!client.introspection) throw new Error("this surface has no introspection endpoint");
  const response = await client.fetch(client.introspection, {
    method: "POST",
    headers: { authorization: client.auth, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: String(token) }),
  });
  return (await answer(response)).body as { active: boolean; exp?: number; iat?: number };
}

/** How long an issued token lives: `exp - iat` of a JWT or of an introspection answer. */
export function lifetimeOf(claims: { exp?: number; iat?: number }): number {
  return Number(claims.exp) - Number(claims.iat);
}

export const idTokenLifetime = (idToken: unknown) => lifetimeOf(decodeJwt(String(idToken)));

/** A claim the size the gallery's oversized-identity tests use: 12 KB of text. */
export const TWELVE_KB = "x".repeat(12 * 1024);
