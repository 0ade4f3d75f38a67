/** Why a passkey operation failed, in words a page can show as they are. */
export type PasskeyErrorCode =
  | "cancelled"
  | "invalid-link"
  | "not-allowed-origin"
  | "unknown-passkey"
  | "refused"
  | "unavailable"
  | "unsupported";

export class PasskeyError extends Error {
  override name = "PasskeyError";
  readonly code: PasskeyErrorCode;

  constructor(code: PasskeyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** WebAuthn's "the user dismissed the prompt, or it timed out" (the spec does not tell them apart). */
export function isCeremonyCancelled(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  const code = (error as { code?: unknown } | null)?.code;
  return name === "NotAllowedError" || code === "ERROR_CEREMONY_ABORTED";
}

/** Any failure as a PasskeyError, keeping a cancelled ceremony recognisable. */
export function toPasskeyError(error: unknown, doing: string): PasskeyError {
  if (error instanceof PasskeyError) return error;
  if (isCeremonyCancelled(error)) {
    return new PasskeyError(
      "cancelled",
      `The passkey prompt was cancelled or timed out while ${doing}. Nothing was changed; try again.`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PasskeyError("refused", `Could not finish ${doing}: ${message}`, { cause: error });
}
