import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from "@simplewebauthn/browser";
import { z } from "zod";
import { PasskeyError, toPasskeyError } from "../errors.ts";
import type { Passkey, PasskeyClient, PasskeyClientConfig } from "../types.ts";
import { parseAuthenticateLink } from "./authenticate-link.ts";
import { bindingJobUrl, parseBindLink } from "./bind-link.ts";
import { postJson } from "./emulator-api.ts";
import { createPasskeyStore } from "./passkey-store.ts";

// The emulator's answers (packages/emulators, "local passkey protocol"); options pass to WebAuthn as is.
const optionsSchema = z.object({ options: z.looseObject({ challenge: z.string().min(16) }) });

const boundSchema = z.object({
  passkey: z.object({
    id: z.string().min(1),
    credential_id: z.string().min(1),
    create_time: z.string(),
    identity: z.object({
      id: z.string(),
      username: z.string(),
      display_name: z.string().optional(),
      primary_email_address: z.string().optional(),
    }),
    tenant: z.object({ id: z.string(), display_name: z.string() }),
    realm: z.object({ id: z.string(), display_name: z.string() }),
  }),
  post_binding_redirect_uri: z.string().nullish(),
});

const verifiedSchema = z.object({ redirect_url: z.url(), message: z.string().optional() });

/**
 * Real WebAuthn ceremonies (@simplewebauthn/browser) against the Beyond Identity emulator, behind the
 * SDK's interface: binding creates a passkey in the browser's authenticator, authentication signs the
 * IdP's challenge with the one the user picked.
 */
export function createLocalPasskeyClient(config: PasskeyClientConfig): PasskeyClient {
  const store = createPasskeyStore(window.localStorage);
  const allowed = new Set([
    window.location.origin,
    ...config.allowedOrigins.map((o) => new URL(o).origin),
  ]);
  const isAllowed = (origin: string) => allowed.has(new URL(origin).origin);

  function requireWebAuthn() {
    if (!browserSupportsWebAuthn()) {
      throw new PasskeyError("unsupported", "This browser does not support passkeys (WebAuthn).");
    }
  }

  return {
    isBindPasskeyUrl(url) {
      const link = parseBindLink(url);
      return !!link && isAllowed(link.apiBaseUrl);
    },

    isAuthenticateUrl(url) {
      const link = parseAuthenticateLink(url);
      return !!link && isAllowed(link.issuer);
    },

    async getPasskeys() {
      return store.list();
    },

    async deletePasskey(id) {
      store.remove(id);
    },

    async bindPasskey(url) {
      const link = parseBindLink(url);
      if (!link) throw new PasskeyError("invalid-link", "This is not a passkey binding link.");
      if (!isAllowed(link.apiBaseUrl)) {
        throw new PasskeyError(
          "not-allowed-origin",
          `Binding links from ${link.apiBaseUrl} are not accepted here.`,
        );
      }
      requireWebAuthn();
      try {
        const { options } = await postJson(
          bindingJobUrl(link, "registrationOptions"),
          { token: link.token },
          optionsSchema,
        );
        const response = await startRegistration({
          optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
        });
        const bound = await postJson(
          bindingJobUrl(link, "complete"),
          { token: link.token, response },
          boundSchema,
        );
        const passkey = toPasskey(bound.passkey);
        store.add(passkey);
        return {
          passkey,
          postBindingRedirectUri: bound.post_binding_redirect_uri ?? undefined,
        };
      } catch (error) {
        throw toPasskeyError(error, "creating your passkey");
      }
    },

    async authenticate(url, passkeyId) {
      const link = parseAuthenticateLink(url);
      if (!link) throw new PasskeyError("invalid-link", "This is not a sign-in request.");
      if (!isAllowed(link.issuer)) {
        throw new PasskeyError(
          "not-allowed-origin",
          `Sign-in requests from ${link.issuer} are not accepted here.`,
        );
      }
      const passkey = store.list().find((candidate) => candidate.id === passkeyId);
      if (!passkey)
        throw new PasskeyError("unknown-passkey", "That passkey is not on this device.");
      requireWebAuthn();
      try {
        const { options } = await postJson(
          `${link.issuer}/bi-authenticate/options`,
          { request: link.request, passkey_id: passkey.passkeyId },
          optionsSchema,
        );
        const response = await startAuthentication({
          optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
        });
        const verified = await postJson(
          `${link.issuer}/bi-authenticate/verify`,
          { request: link.request, response },
          verifiedSchema,
        );
        return { redirectUrl: verified.redirect_url, message: verified.message, passkey };
      } catch (error) {
        throw toPasskeyError(error, "signing in with your passkey");
      }
    },
  };
}

function toPasskey(bound: z.output<typeof boundSchema>["passkey"]): Passkey {
  return {
    // One credential per binding, so the device handle and Beyond Identity's id can be the same.
    id: bound.id,
    passkeyId: bound.id,
    created: bound.create_time,
    state: "Active",
    keyType: "webauthn",
    tenant: { id: bound.tenant.id, displayName: bound.tenant.display_name },
    realm: { id: bound.realm.id, displayName: bound.realm.display_name },
    identity: {
      id: bound.identity.id,
      username: bound.identity.username,
      displayName: bound.identity.display_name,
      emailAddress: bound.identity.primary_email_address,
    },
    theme: { logoUrlLight: "", logoUrlDark: "" },
  };
}
