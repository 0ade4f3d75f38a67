import type { IdpAdapter } from "../adapter.ts";
import { passwordFormAdapter } from "./password-form.ts";

// Logto's sign-in experience (identifier + password), its consent page (shown to third-party apps;
// first-party apps are consented on the server), and its end-session page, which submits itself.
export const logtoAdapter: IdpAdapter = {
  ...passwordFormAdapter({ submitLabel: "Sign in", loginError: "Incorrect account or password." }),
  // @logto/next names its cookie after the app id and keeps the sign-in state in it
  // (`createRequestScopedClient` in @logto/next's server-actions client).
  sessionCookieName: (appEnv) => `logto_${appEnv.LOGTO_APP_ID}`,
  signInStateInSessionCookie: true,
};
