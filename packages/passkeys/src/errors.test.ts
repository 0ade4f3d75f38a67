import { describe, expect, it } from "vitest";
import { isCeremonyCancelled, PasskeyError, toPasskeyError } from "./errors.ts";

describe("toPasskeyError", () => {
  it("names a dismissed or timed-out WebAuthn prompt as cancelled", () => {
    const dismissed = new DOMException(
      "The operation either timed out or was not allowed.",
      "NotAllowedError",
    );
    expect(isCeremonyCancelled(dismissed)).toBe(true);
    const error = toPasskeyError(dismissed, "signing in with your passkey");
    expect(error.code).toBe("cancelled");
    expect(error.message).toMatch(/cancelled or timed out while signing in/);
  });

  it("keeps PasskeyErrors and wraps anything else as refused", () => {
    const own = new PasskeyError("unknown-passkey", "gone");
    expect(toPasskeyError(own, "x")).toBe(own);
    expect(toPasskeyError(new Error("boom"), "creating your passkey")).toMatchObject({
      code: "refused",
      message: "Could not finish creating your passkey: boom",
    });
  });
});
