import { headers } from "next/headers";
import { decode, getToken } from "next-auth/jwt";
import { cache } from "react";
import type { GallerySettings } from "./auth-settings.ts";
import { cachedDecoder } from "./decoded-token-cache.ts";
import {
  type IdentityClaims,
  type NormalizedSession,
  normalizeUser,
} from "./normalized-session.ts";
import type { RevocableToken, RevocationCheck } from "./session-revocation.ts";

/** The server-only token set kept in the encrypted session cookie; never sent to the browser. */
export interface ServerTokens {
  accessToken?: string;
  idToken?: string;
  refreshToken?: string;
  accessTokenExpiresAt?: number;
  /** The IdP's own handle for the user, for back-channel calls (django-sso's `user_identy`). */
  subject?: string;
}

/** The session cookie's content, whichever strategy signed the user in. */
export interface GalleryJwt extends RevocableToken {
  claims?: Record<string, unknown>;
  tokens?: ServerTokens;
  signedInAt?: number;
}

export interface SessionReader {
  /** The current session in a Cookie header: decrypted (cached), unexpired, and not revoked. */
  currentToken(cookie: string): Promise<GalleryJwt | null>;
  getSession(): Promise<NormalizedSession | null>;
  getClaims(): Promise<Record<string, unknown> | null>;
  getServerTokens(): Promise<ServerTokens | null>;
}

export function createSessionReader(
  settings: GallerySettings,
  keepUnlessRevoked: RevocationCheck,
): SessionReader {
  const { secret, secure, sessionCookie } = settings;

  /**
   * The session token of this request, decoded once (per server render) and checked against the
   * revocation store. Reading it neither re-encrypts nor re-sets the cookie: gated pages do that
   * (their proxy runs Auth.js, which rolls the expiry), so `/` and `/api/me` stay cheap.
   */
  const decodeSession = cachedDecoder((value) =>
    decode<GalleryJwt>({ token: value, secret, salt: sessionCookie }).catch(() => null),
  );
  const currentToken = async (cookie: string): Promise<GalleryJwt | null> => {
    const value = await getToken({
      req: { headers: new Headers({ cookie }) },
      secureCookie: secure,
      cookieName: sessionCookie,
      raw: true,
    });
    const token = value ? await decodeSession(value) : null;
    if (!token?.claims) return null;
    return keepUnlessRevoked(token);
  };
  // One read per server render, however many components ask.
  const readToken = cache(
    async (): Promise<GalleryJwt | null> => currentToken((await headers()).get("cookie") ?? ""),
  );

  return {
    currentToken,
    async getSession() {
      const token = await readToken();
      if (!token?.claims || typeof token.exp !== "number") return null;
      return {
        idp: settings.idp,
        user: normalizeUser(token.claims as IdentityClaims),
        expiresAt: new Date(token.exp * 1000).toISOString(),
      };
    },
    async getClaims() {
      return (await readToken())?.claims ?? null;
    },
    async getServerTokens() {
      return (await readToken())?.tokens ?? null;
    },
  };
}
