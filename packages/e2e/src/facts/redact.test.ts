import { describe, expect, it } from "vitest";
import { redactUrl } from "./redact.ts";

describe("redactUrl", () => {
  it("keeps the path and public parameters, hides codes, state and nonces", () => {
    expect(
      redactUrl(
        "http://localhost:8800/o/authorize/?client_id=gallery&response_type=code&scope=openid+email&state=abc&nonce=n1&code_challenge=xyz&code_challenge_method=S256",
      ),
    ).toBe(
      "/o/authorize/?client_id=gallery&response_type=code&scope=openid email&state=…&nonce=…&code_challenge=…&code_challenge_method=S256",
    );
    expect(redactUrl("http://localhost:4004/callback?code=secret-code&state=s")).toBe(
      "/callback?code=…&state=…",
    );
  });

  it("redacts URLs inside public parameters", () => {
    expect(
      redactUrl(
        "http://localhost:8800/accounts/login/?next=%2Fo%2Fauthorize%2F%3Fstate%3Dabc%26response_type%3Dcode",
      ),
    ).toBe("/accounts/login/?next=/o/authorize/?state=…&response_type=code");
    expect(
      redactUrl(
        "http://localhost:8840/oidc/auth?redirect_uri=http%3A%2F%2Flocalhost%3A4004%2Fcallback%3Fx%3D1",
      ),
    ).toBe("/oidc/auth?redirect_uri=http://localhost:4004/callback?x=…");
  });

  it("replaces generated ids in the path", () => {
    expect(redactUrl("http://localhost:8840/sign-in/Xk2vQ9a8Lm3pRt7wZy1c")).toBe("/sign-in/:id");
    expect(
      redactUrl("https://localhost:9843/oauth2/authorize/3f2b9c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f"),
    ).toBe("/oauth2/authorize/:id");
    expect(redactUrl("http://localhost:4001/api/auth/callback/wso2is")).toBe(
      "/api/auth/callback/wso2is",
    );
  });
});
