import { customFetch } from "next-auth";
import BeyondIdentity from "next-auth/providers/beyondidentity";
import { describe, expect, it } from "vitest";
import { flattenOptions } from "./provider-options.ts";

describe("flattenOptions", () => {
  it("lifts a built-in provider's settings (and its customFetch) next to its defaults", () => {
    const fetcher = async () => new Response();
    const provider = flattenOptions(
      BeyondIdentity({
        issuer: "https://auth-us.beyondidentity.com/v1/tenants/t/realms/r/applications/a",
        clientId: "client",
        clientSecret: "secret",
        [customFetch]: fetcher,
      }) as never,
    );
    expect(provider).toMatchObject({
      id: "beyondidentity",
      type: "oidc",
      issuer: "https://auth-us.beyondidentity.com/v1/tenants/t/realms/r/applications/a",
      clientId: "client",
    });
    expect(provider[customFetch]).toBe(fetcher);
    expect("options" in provider).toBe(false);
  });

  it("leaves a plain provider object as it is", () => {
    const plain = { id: "django", name: "DOT", type: "oidc" as const, issuer: "http://x/o" };
    expect(flattenOptions(plain)).toBe(plain);
  });
});
