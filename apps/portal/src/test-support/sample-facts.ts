import type { TargetFacts } from "@idp-gallery/e2e/facts";

/** A valid facts file, as the e2e reporter writes one, for the loader's and the tables' tests. */
export function sampleFacts(overrides: Partial<TargetFacts> = {}): TargetFacts {
  return {
    version: 1,
    target: "logto",
    app: "logto",
    idp: "logto",
    idpName: "Logto",
    generatedAt: "2026-11-22T16:22:51.088Z",
    contract: [
      { id: "C1", title: "anonymous: x", status: "passed", durationMs: 800 },
      { id: "C4", title: "sign out: y", status: "passed", durationMs: 900 },
      { id: "C7", title: "IdP down: z", status: "passed", durationMs: 1500 },
      { id: "C7", title: "IdP misbehaving: w", status: "passed", durationMs: 1200 },
    ],
    protocol: {
      rpLogout: true,
      discovery: {
        url: "/oidc/.well-known/openid-configuration",
        issuer: "http://localhost:8840/oidc",
        responseTypes: ["code"],
        pkceMethods: ["S256"],
        tokenEndpointAuthMethods: ["client_secret_basic", "client_secret_post"],
        endSession: true,
        refreshGrant: true,
        signingAlgs: ["ES384"],
      },
    },
    measurements: {
      browser: "Chromium 150",
      signIn: { ms: 587, from: "/", to: "/" },
      timeline: [
        { atMs: 45, method: "POST", party: "app", path: "/", status: 200, kind: "server-action" },
        {
          atMs: 87,
          method: "GET",
          party: "idp",
          path: "/oidc/auth",
          status: 303,
          kind: "navigation",
        },
        {
          atMs: 97,
          method: "GET",
          party: "idp",
          path: "/sign-in",
          status: 200,
          kind: "navigation",
        },
        {
          atMs: 464,
          method: "GET",
          party: "app",
          path: "/callback",
          status: 307,
          kind: "navigation",
        },
        { atMs: 486, method: "GET", party: "app", path: "/", status: 200, kind: "navigation" },
      ],
      cookies: [
        {
          name: "idpg-logto-4004.session-token",
          bytes: 1534,
          httpOnly: true,
          secure: false,
          sameSite: "Lax",
        },
      ],
    },
    firstLoadJs: [
      { path: "/", files: 5, rawBytes: 458669, gzipBytes: 135450 },
      { path: "/protected", files: 5, rawBytes: 458669, gzipBytes: 135450 },
    ],
    ...overrides,
  };
}
