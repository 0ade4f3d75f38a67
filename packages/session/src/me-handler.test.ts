import { describe, expect, it } from "vitest";
import { createMeHandler } from "./me-handler.ts";
import { normalizeSession } from "./normalized-session.ts";

describe("createMeHandler", () => {
  it("answers 401 JSON when signed out", async () => {
    const response = await createMeHandler(async () => null)();
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: "unauthenticated" });
  });

  it("answers the normalized session when signed in", async () => {
    const session = normalizeSession({
      idp: "django-oidc",
      claims: { sub: "1", name: "Alice Liddell", email: "alice@example.com" },
      expiresAt: "2030-01-01T00:00:00Z",
    });
    const response = await createMeHandler(async () => session)();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(session);
  });
});
