import { toPasskeyError } from "./errors.ts";
import type { PasskeyClient, PasskeyClientConfig } from "./types.ts";

/** Beyond Identity's own Embedded SDK, for a real tenant: every call goes to the vendor's code. */
export async function createSdkPasskeyClient(config: PasskeyClientConfig): Promise<PasskeyClient> {
  const { Embedded } = await import("@beyondidentity/bi-sdk-js");
  const extra = config.allowedOrigins.map((origin) => new URL(origin).hostname);
  // The SDK always allows the page's host and its own domains; these add the configured ones.
  const sdk = await Embedded.initialize(
    extra.length
      ? { allowedDomains: ["beyondidentity.com", "byndid.com", "beyondidentity-gov.com", ...extra] }
      : undefined,
  );
  return {
    isBindPasskeyUrl: (url) => sdk.isBindPasskeyUrl(url),
    isAuthenticateUrl: (url) => sdk.isAuthenticateUrl(url),
    getPasskeys: () => sdk.getPasskeys(),
    deletePasskey: (id) => sdk.deletePasskey(id),
    bindPasskey: (url) =>
      sdk.bindPasskey(url).catch((e) => Promise.reject(toPasskeyError(e, "creating your passkey"))),
    authenticate: (url, passkeyId) =>
      sdk
        .authenticate(url, passkeyId)
        .catch((e) => Promise.reject(toPasskeyError(e, "signing in with your passkey"))),
  };
}
