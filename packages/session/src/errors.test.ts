import { describe, expect, it } from "vitest";
import { describeAuthError } from "./errors.ts";

describe("describeAuthError", () => {
  it("names the IdP in a 4xx description for a denied sign-in", () => {
    const error = describeAuthError("OAuthCallbackError", "Django OAuth Toolkit");
    expect(error.status).toBe(403);
    expect(error.message).toContain("Django OAuth Toolkit");
  });

  it("says a session ended with 401, and the app's own outages with 503, naming the IdP", () => {
    const ended = describeAuthError("SessionEnded", "WSO2");
    expect(ended.status).toBe(401);
    expect(ended.message).toContain("Your session with WSO2 has ended");
    for (const code of ["SessionStoreUnavailable", "SignOutIncomplete"]) {
      expect(describeAuthError(code, "WSO2").status).toBe(503);
    }
    expect(describeAuthError("SignOutIncomplete", "WSO2").message).toContain("WSO2");
  });

  it("never answers 5xx for a sign-in failure, whatever the code", () => {
    for (const code of [
      "Configuration",
      "IdpUnavailable",
      "AccessDenied",
      "Nonsense",
      null,
      "__proto__",
    ]) {
      const error = describeAuthError(code, "WSO2");
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.status).toBeLessThan(500);
      expect(error.message).toContain("WSO2");
    }
  });

  it("does not echo unknown codes back", () => {
    expect(describeAuthError("<script>", "Logto").code).toBe("Default");
  });
});
