import type { Page } from "@playwright/test";

export interface SeededUser {
  id: string;
  username: string;
  password: string;
  name: string;
  email: string;
}

/**
 * What the contract needs to know about one IdP's own screens. Everything else in the contract is
 * identical for every app; an adapter never touches the app's pages.
 */
export interface IdpAdapter {
  /**
   * The session cookie's name where the IdP's SDK chooses it (Logto's `logto_<appId>`), from the app
   * instance's env; otherwise it is the gallery's per-app `<namespace>.session-token`.
   */
  sessionCookieName?(appEnv: Record<string, string>): string;
  /**
   * Whether the SDK keeps the sign-in round trip's state (PKCE verifier, state) in the session
   * cookie, so that cookie exists from the moment a sign-in starts (Logto's SDK does).
   */
  signInStateInSessionCookie?: boolean;
  /**
   * The session cookie's value as if the sign-in had happened `byMs` earlier (C13, the absolute
   * lifetime), re-sealed with the app instance's secret. Auth.js apps need none: the contract
   * re-seals their JWE itself.
   */
  agedSessionCookie?(
    cookie: { name: string; value: string },
    appEnv: Record<string, string>,
    byMs: number,
  ): Promise<string>;
  /**
   * Paths of the app's own pages that belong to the IdP's flow (Beyond Identity's embedded SDK runs its
   * passkey step on the app's `/bi-authenticate`): the user is still "at the IdP" there.
   */
  idpPagesOnApp?: string[];
  /**
   * Gets `user` ready to sign in on this page's browser before any sign-in starts, when the IdP needs
   * more than a password (Beyond Identity: a passkey enrolled on the device), so a timed sign-in
   * measures the sign-in alone.
   */
  prepareUser?(page: Page, user: SeededUser, at: { app: string; idp: string }): Promise<void>;
  /** Waits until the IdP's login screen is showing. */
  expectLoginScreen(page: Page): Promise<void>;
  /** Whether the IdP's login screen is showing right now (it may not, when its session is still alive). */
  isLoginScreen(page: Page): Promise<boolean>;
  /** Fills and submits the login screen. */
  submitLogin(page: Page, user: Pick<SeededUser, "username" | "password">): Promise<void>;
  /** Waits until the login screen shows its bad-credentials message. */
  expectLoginError(page: Page): Promise<void>;
  /** Approves the consent screen if the IdP shows one now; returns whether it did. */
  approveConsentIfShown(page: Page): Promise<boolean>;
  /** Denies consent on the consent screen (or otherwise makes the IdP answer `access_denied`). */
  denyConsent(page: Page): Promise<void>;
  /** Confirms the IdP's logout screen if it shows one during RP-initiated logout. */
  confirmLogoutIfShown(page: Page): Promise<void>;
}
