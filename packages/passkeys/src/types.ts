/**
 * The passkey client the app's `/bind` and `/bi-authenticate` pages use: the subset of Beyond
 * Identity's `Embedded` class (@beyondidentity/bi-sdk-js 3.x, src/embedded.ts) that an app needs,
 * with the SDK's own shapes, so either implementation fits behind it.
 */
export interface Passkey {
  /** The device's handle for the passkey (what `authenticate` takes). */
  id: string;
  /** Beyond Identity's id for the passkey. */
  passkeyId: string;
  created: string;
  state:
    | "Active"
    | "DeviceDeleted"
    | "Invalid"
    | "Revoked"
    | "UserDeleted"
    | "UserSuspended"
    | "Unknown";
  keyType?: "subtle" | "webauthn";
  tenant: { id: string; displayName: string };
  realm: { id: string; displayName: string };
  identity: {
    id: string;
    username: string;
    displayName?: string;
    externalId?: string;
    emailAddress?: string;
  };
  theme: { logoUrlLight: string; logoUrlDark: string; supportUrl?: string };
}

export interface BindPasskeyResponse {
  passkey: Passkey;
  message?: string;
  postBindingRedirectUri?: string;
}

export interface AuthenticateResponse {
  /** The app's OIDC redirect URI with `code` and `state` (or `error`) appended. */
  redirectUrl: string;
  message?: string;
  passkey?: Passkey;
}

export interface PasskeyClient {
  isBindPasskeyUrl(url: string): boolean;
  bindPasskey(url: string): Promise<BindPasskeyResponse>;
  getPasskeys(): Promise<Passkey[]>;
  deletePasskey(id: string): Promise<void>;
  isAuthenticateUrl(url: string): boolean;
  authenticate(url: string, passkeyId: string): Promise<AuthenticateResponse>;
}

/** `beyond-identity`: the vendor's SDK against a real tenant; `local`: WebAuthn against the emulator. */
export type PasskeyClientMode = "beyond-identity" | "local";

export interface PasskeyClientConfig {
  mode: PasskeyClientMode;
  /**
   * Origins the client may talk to besides the page's own (the SDK's `allowedDomains`): the
   * emulator's origin in local mode; Beyond Identity's domains are the SDK's default.
   */
  allowedOrigins: string[];
}
