import { passwordFormAdapter } from "./password-form.ts";

// Logto's sign-in experience (identifier + password), its consent page (shown to third-party apps;
// first-party apps are consented on the server), and its end-session page, which submits itself.
export const logtoAdapter = passwordFormAdapter({
  submitLabel: "Sign in",
  loginError: "Incorrect account or password.",
});
