import type { NextProxy } from "next/server";
import type { NormalizedSession } from "./normalized-session.ts";

/**
 * What the gallery's pages and routes need from a client library, whichever it is (Auth.js, Logto's
 * SDK): the session, the IdP's claims, and the routes every app has at the same paths.
 */
/** How the current session lasts, for the page that explains it (ISO dates). */
export interface SessionDetails {
  signedInAt: string;
  /** The absolute lifetime's end: the session ends then at the latest. */
  endsAt: string;
  /** Unused this long, the session ends sooner. */
  idleSeconds: number;
  /** Whether the app holds a refresh token and renews the access token before it expires. */
  refreshable: boolean;
}

export interface SessionBackend {
  /** The normalized session, or null when signed out. */
  getSession(): Promise<NormalizedSession | null>;
  /** The IdP's claims (ID token or user record), for display. */
  getClaims(): Promise<Record<string, unknown> | null>;
  /** How the current session lasts and whether its tokens are refreshed; null when signed out. */
  getSessionDetails?(): Promise<SessionDetails | null>;
  /** GET `/api/me`: 401 JSON when signed out, the normalized session otherwise. */
  meRoute(): Promise<Response>;
  /** GET `/auth/sign-in?callbackUrl=…`: validates the target and goes to the IdP. */
  signInRoute(request: Request): Promise<Response>;
  /** POST `/auth/sign-out`: ends the app's session, then the IdP's where it can. */
  signOutRoute(request: Request): Promise<Response>;
  /** The Next.js proxy: the error page's status, and the gate where the library has one. */
  proxy: NextProxy;
}
