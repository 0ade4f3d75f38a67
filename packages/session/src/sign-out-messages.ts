import type { LocalSignOutReason } from "./sign-out.ts";

/** What the home page says after a sign-out that ended only the app session. */
export function describeLocalSignOut(
  reason: string | null | undefined,
  idpName: string,
): string | null {
  const messages: Record<LocalSignOutReason, string> = {
    local: `You are signed out of this app. Your session at ${idpName} was left as it is.`,
    "no-rp-logout": `You are signed out of this app. ${idpName} offers no RP-initiated logout (its discovery document has no end_session_endpoint), so your session there is still active and the next sign-in may not ask for your password.`,
    "idp-unreachable": `You are signed out of this app. ${idpName} could not be reached, so your session there may still be active.`,
    everywhere: `You are signed out of this app and of ${idpName}, which also signs you out of the other apps that use it.`,
  };
  return reason && Object.hasOwn(messages, reason) ? messages[reason as LocalSignOutReason] : null;
}
