import type { NextAuthConfig, NextAuthResult } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import type { GallerySettings } from "./auth-settings.ts";
import type { GalleryAuthOptions } from "./authjs.ts";
import { isCredentialsProvider } from "./credentials.ts";
import { createCredentialsStrategy } from "./credentials-strategy.ts";
import { createOidcStrategy } from "./oidc-strategy.ts";
import type { RevocationStore } from "./revocation-store.ts";
import type { ServerTokens } from "./session-reader.ts";
import type { TokenRefresher } from "./token-refresh.ts";

type JwtCallback = NonNullable<NonNullable<NextAuthConfig["callbacks"]>["jwt"]>;
/** What Auth.js hands the jwt callback; at sign-in it carries the account, profile or user. */
export type JwtCallbackInput = Pick<
  Parameters<JwtCallback>[0],
  "token" | "account" | "profile" | "user"
>;

/** What a completed sign-in yields: the record's content and the user's subject. */
export interface SignedIn {
  sub?: string;
  claims: Record<string, unknown>;
  tokens: ServerTokens;
  /** When this session started (epoch ms). */
  signedInAt: number;
}

/** What the strategy's routes need from the shared core, once Auth.js is set up. */
export interface StrategyContext {
  nextAuth: NextAuthResult;
  getServerTokens(): Promise<ServerTokens | null>;
  /** Ends the app session (the cookie), without redirecting. */
  clearSession(): Promise<void>;
  revocations: RevocationStore | undefined;
}

export interface StrategyRoutes {
  signInRoute(request: Request): Promise<Response>;
  signOutRoute(request: Request): Promise<Response>;
  completeSignInRoute(request: Request): Promise<Response>;
}

/** How an app signs in: what differs between an OIDC and a Credentials provider, and only that. */
export interface AuthStrategy {
  kind: "oidc" | "credentials";
  /** The one Auth.js provider, with the strategy's defaults and bindings applied. */
  provider: OIDCConfig<Record<string, unknown>> | CredentialsConfig;
  /** The new session when this jwt call completes a sign-in of this strategy, else undefined. */
  tokenAtSignIn(input: JwtCallbackInput): SignedIn | undefined;
  /** The refresh-token grant, where the IdP can issue refresh tokens (OIDC). */
  refresh?: TokenRefresher;
  /** The browser routes; built after Auth.js because they call its signIn and signOut. */
  routes(context: StrategyContext): StrategyRoutes;
}

/** The strategy the provider asks for: Credentials for IdPs without OIDC, else OIDC. */
export function pickStrategy(options: GalleryAuthOptions, settings: GallerySettings): AuthStrategy {
  const { provider } = options;
  if (isCredentialsProvider(provider))
    return createCredentialsStrategy(provider, options, settings);
  return createOidcStrategy(provider as OIDCConfig<Record<string, unknown>>, options, settings);
}
