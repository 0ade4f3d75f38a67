import { HttpStatusError } from "@idp-gallery/api-client/http";
import { z } from "zod";
import { env } from "./env.ts";
import { bindingLinkOrigins, management, realm } from "./idp.ts";

/** What a visitor may send to `/api/register`. */
export const registrationSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254, "An email address has at most 254 characters.")
    .pipe(z.email("Enter a valid email address."))
    .transform((email) => email.toLowerCase()),
  displayName: z
    .string()
    .trim()
    .min(1, "Enter your name.")
    .max(100, "A name has at most 100 characters."),
});

export type Registration = z.output<typeof registrationSchema>;

export type RegistrationResult =
  /** A new identity: the browser follows the binding link to create its passkey now. */
  | { status: "bind"; bindingLink: string }
  /** The address is already registered: only its owner gets a binding link, by email. */
  | { status: "emailed" };

// After binding, straight into sign-in with the new passkey.
const postBindingRedirectUri = () => `${env.AUTH_URL}/auth/sign-in?callbackUrl=/protected`;

/**
 * Creates an identity and a credential-binding job for it. An address that is already registered never
 * gets a link back in the response (that would let anyone bind a passkey to someone else's account):
 * Beyond Identity emails a fresh link to the address instead.
 */
export async function register({ email, displayName }: Registration): Promise<RegistrationResult> {
  const existing = await management.findIdentity({ email });
  const identity =
    existing ??
    (await management
      .createIdentity({ displayName, username: email, email })
      .catch(async (error: unknown) => {
        // Registered in the meantime (or the username is taken): treat it as an existing identity.
        if (error instanceof HttpStatusError && error.status === 409) return null;
        throw error;
      }));
  if (!existing && identity) {
    const job = await management.createBindingJob(identity.id, {
      deliveryMethod: "RETURN",
      authenticatorConfigId: realm.authenticatorConfigId,
      postBindingRedirectUri: postBindingRedirectUri(),
    });
    const link = job.credential_binding_link;
    if (!link || !bindingLinkOrigins.includes(new URL(link).origin)) {
      throw new Error("Beyond Identity returned no binding link on its own origin.");
    }
    return { status: "bind", bindingLink: link };
  }
  const owner = existing ?? (await management.findIdentity({ email }));
  if (owner) {
    await management.createBindingJob(owner.id, {
      deliveryMethod: "EMAIL",
      authenticatorConfigId: realm.authenticatorConfigId,
      postBindingRedirectUri: postBindingRedirectUri(),
    });
  }
  return { status: "emailed" };
}
