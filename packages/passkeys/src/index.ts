export {
  isCeremonyCancelled,
  PasskeyError,
  type PasskeyErrorCode,
  toPasskeyError,
} from "./errors.ts";
export { loadPasskeyClient } from "./load-passkey-client.ts";
export type {
  AuthenticateResponse,
  BindPasskeyResponse,
  Passkey,
  PasskeyClient,
  PasskeyClientConfig,
  PasskeyClientMode,
} from "./types.ts";
