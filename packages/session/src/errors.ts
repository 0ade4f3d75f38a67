/** What the app's error page says about a failed sign-in. */
export interface AuthErrorDescription {
  code: string;
  status: 400 | 401 | 403 | 503;
  title: string;
  message: string;
}

type Describe = (idpName: string) => Omit<AuthErrorDescription, "code">;

// Auth.js error types (and the gallery's own codes) mapped to a sentence a user can act on.
const descriptions: Record<string, Describe> = {
  OAuthCallbackError: (idp) => ({
    status: 403,
    title: "Sign-in was not completed",
    message: `${idp} did not sign you in: access was denied or the request was cancelled.`,
  }),
  AccessDenied: (idp) => ({
    status: 403,
    title: "Access denied",
    message: `${idp} signed you in, but this app is not allowed to start a session for you.`,
  }),
  Configuration: (idp) => ({
    status: 400,
    title: `${idp} is not answering`,
    message: `We could not complete sign-in with ${idp}: it is unreachable, too slow, or answered with something unexpected. Try again in a moment.`,
  }),
  IdpUnavailable: (idp) => ({
    status: 400,
    title: `${idp} is not answering`,
    message: `We could not start sign-in with ${idp}: it is unreachable or too slow right now. This app keeps working; try again in a moment.`,
  }),
  OAuthSignInError: (idp) => ({
    status: 400,
    title: `Could not reach ${idp}`,
    message: `We could not start sign-in with ${idp}. It may be down or misconfigured. Try again in a moment.`,
  }),
  SignInRefused: (idp) => ({
    status: 403,
    title: "Sign-in was not completed",
    message: `${idp} did not confirm this sign-in: it was cancelled, has expired, or was already used. Start again.`,
  }),
  Verification: (idp) => ({
    status: 400,
    title: "The sign-in link has expired",
    message: `The sign-in request to ${idp} is no longer valid. Start again.`,
  }),
  MissingCSRF: () => ({
    status: 400,
    title: "The request could not be verified",
    message: "The sign-in form expired or came from another site. Start again from this app.",
  }),
  SessionEnded: (idp) => ({
    status: 401,
    title: "Your session has ended",
    message: `Your session with ${idp} has ended: you signed out, it expired, or ${idp} no longer accepts it. Sign in again.`,
  }),
  SessionStoreUnavailable: () => ({
    status: 503,
    title: "Sessions are unavailable",
    message:
      "This app cannot check sessions right now (its session store is not answering), so protected pages are closed. Your session is kept; try again in a moment.",
  }),
  SignOutIncomplete: (idp) => ({
    status: 503,
    title: "Sign-out did not complete",
    message: `This browser is signed out, but the app could not end the session on its server (its session store is not answering), so a copy of it may still work until it expires. ${idp} was not asked to sign you out. Sign out again once the app is back.`,
  }),
  InvalidCheck: (idp) => ({
    status: 400,
    title: "The sign-in response did not match",
    message: `The answer from ${idp} did not match the sign-in this browser started (state, PKCE or nonce). Start again.`,
  }),
};

const fallback: Describe = (idp) => ({
  status: 400,
  title: "Sign-in failed",
  message: `Sign-in with ${idp} failed. Try again; if it keeps failing, check the app's server log.`,
});

/** Maps an error code from the sign-in flow to the page's status, title and sentence. */
export function describeAuthError(
  code: string | null | undefined,
  idpName: string,
): AuthErrorDescription {
  const key = code && Object.hasOwn(descriptions, code) ? code : "Default";
  const describe = descriptions[key] ?? fallback;
  return { code: key, ...describe(idpName) };
}
