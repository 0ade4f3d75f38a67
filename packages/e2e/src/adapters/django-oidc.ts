import { passwordFormAdapter } from "./password-form.ts";

// Django's login page, DOT's consent page (Authorize / Cancel) and its RP-initiated logout prompt.
export const djangoOidcAdapter = passwordFormAdapter({
  submitLabel: "Log in",
  loginError: "Please enter a correct username and password",
  logoutConfirm: /log ?out|yes/i,
});
