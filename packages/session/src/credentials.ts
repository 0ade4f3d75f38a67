import type { User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import type { ConsumedTokenStore } from "./consumed-token-store.ts";
import type { RevocationStore } from "./revocation-store.ts";
import {
  SIGN_IN_REQUEST_MAX_AGE,
  type SignInRequest,
  type SignInRequestCookie,
} from "./sign-in-request.ts";
import type { LocalSignOutReason } from "./sign-out.ts";

// Moved to the shared core (OIDC apps may revoke sessions too); still exported here.

/**
 * Sign-in through an Auth.js Credentials provider for IdPs without OIDC (django-sso): the app starts
 * sign-in at the IdP itself, the IdP sends the browser back, and `authorize()` confirms the sign-in
 * with the IdP over the back channel. The package binds each sign-in to the browser that started it.
 */

/** What the app's `authorize()` receives: the sign-in this browser started, never the request body. */
export type CredentialsSignInInput = SignInRequest;

/** What the app's `authorize()` returns. */
export interface CredentialsUser extends User {
  id: string;
  /** The IdP's own handle for the user (django-sso's `user_identy`): logout and revocation use it. */
  subject: string;
  /** Shown on /protected; `name` and `email` feed the normalized session. */
  claims: Record<string, unknown>;
}

/** Thrown by `authorize()`: the IdP did not confirm this sign-in (unknown, used or cancelled). */
export class SignInRefused extends Error {
  override name = "SignInRefused";
}

/** Thrown by `authorize()`: the IdP confirmed the user, but the app must not start a session. */
export class SignInDenied extends Error {
  override name = "SignInDenied";
}

/** Starts sign-in at the IdP: where to send the browser, and the IdP's handle to bind to it. */
export type SignInStart = (input: {
  redirectTo: string;
  request: Request;
}) => Promise<{ location: string; state: string }>;

/** Ends the user's session at the IdP (server to server); throws when that did not happen. */
export type IdpLogout = (input: { subject: string }) => Promise<void>;

type AnyProvider = { type: string; id: string; options?: unknown };

export function isCredentialsProvider(provider: AnyProvider): provider is CredentialsConfig {
  return provider.type === "credentials";
}

/** The provider's id, wherever Auth.js keeps it (`Credentials({ id })` stores it under `options`). */
export function providerId(provider: AnyProvider): string {
  return (provider.options as { id?: string } | undefined)?.id ?? provider.id;
}

/** The provider with `authorize()` fed from this browser's sign-in request cookie only. */
export function bindCredentialsProvider(
  provider: CredentialsConfig,
  cookie: SignInRequestCookie,
  consumed?: ConsumedTokenStore,
): CredentialsConfig {
  const { options, ...defaults } = provider as CredentialsConfig & {
    options?: Partial<CredentialsConfig>;
  };
  const merged = { ...defaults, ...options };
  const authorize = merged.authorize;
  return {
    ...merged,
    id: providerId(provider),
    type: "credentials",
    credentials: {},
    async authorize(_credentials, request) {
      // The body is never trusted: a sign-in completes only in the browser that started it.
      const pending = await cookie.read(request.headers.get("cookie"));
      if (!pending) return null;
      // A copied cookie must not complete the same request twice; forget() only reaches honest browsers.
      if (consumed && !(await consumed.consume(pending.state, SIGN_IN_REQUEST_MAX_AGE)))
        return null;
      return authorize(pending as unknown as Partial<Record<string, unknown>>, request);
    },
  };
}

export interface CredentialsJwtFields {
  claims?: Record<string, unknown>;
  tokens?: { subject?: string };
  /** When this session started (epoch ms); revocations compare against it, not `iat`. */
  signedInAt?: number;
}

/** The session token right after a credentials sign-in. */
export function credentialsJwt(token: JWT, user: User): JWT & CredentialsJwtFields {
  const signedIn = user as Partial<CredentialsUser>;
  const id = String(signedIn.id ?? "");
  return {
    ...token,
    sub: id,
    claims: { ...signedIn.claims, sub: id, name: signedIn.name, email: signedIn.email },
    tokens: { subject: signedIn.subject ?? id },
    signedInAt: Date.now(),
  };
}

/** The error page's code for a failed `signIn()` with a credentials provider. */
export function credentialsErrorCode(error: unknown): string {
  // authorize() returning null is Auth.js's CredentialsSignin; what it threw is in cause.err.
  if ((error as { type?: string } | null)?.type === "CredentialsSignin") return "SignInRefused";
  const thrown = (error as { cause?: { err?: unknown } } | null)?.cause?.err ?? error;
  if (thrown instanceof SignInRefused) return "SignInRefused";
  if (thrown instanceof SignInDenied) return "AccessDenied";
  // The IdP was unreachable, too slow, or answered something unexpected.
  return "Configuration";
}

export interface CredentialsSignOutOptions {
  appUrl: string;
  homePath: string;
  /** The IdP's handle for the signed-in user, if any. */
  getSubject: () => Promise<string | undefined>;
  clearSession: () => Promise<void>;
  revocations?: RevocationStore;
  idpLogout?: IdpLogout;
}

/**
 * POST `/auth/sign-out` for credentials sign-ins: ends the app session first (so it ends even when
 * the IdP is down), revokes the user's other sessions of this app (the IdP's logout is global), then
 * ends the IdP session over the back channel.
 */
export function createCredentialsSignOutRoute(options: CredentialsSignOutOptions) {
  const home = (reason: LocalSignOutReason) => {
    const url = new URL(options.homePath, options.appUrl);
    url.searchParams.set("signed-out", reason);
    return Response.redirect(url, 303);
  };

  return async function signOutRoute(request: Request): Promise<Response> {
    if (request.headers.get("origin") !== options.appUrl) {
      return Response.json({ error: "cross-origin sign-out refused" }, { status: 403 });
    }
    const subject = await options.getSubject();
    await options.clearSession();
    if (!subject) return home("local");
    try {
      await options.revocations?.revoke(subject);
    } catch (error) {
      console.error("[auth] sign-out: could not revoke the user's other sessions:", error);
    }
    if (!options.idpLogout) return home("local");
    try {
      await options.idpLogout({ subject });
      return home("everywhere");
    } catch (error) {
      console.error(
        `[auth] sign-out: the IdP did not end its session: ${(error as Error).message}`,
      );
      return home("idp-unreachable");
    }
  };
}
