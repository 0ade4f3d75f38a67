import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorPanel } from "./error-panel.tsx";

describe("ErrorPanel", () => {
  const html = renderToStaticMarkup(
    <ErrorPanel
      idpName="Keycloak"
      title="Access denied"
      message="Keycloak said no."
      retryHref="/api/auth/signin?retry=1"
      code="AccessDenied"
    />,
  );

  it("is an alert naming the IdP", () => {
    expect(html).toContain('role="alert"');
    expect(html).toContain('data-testid="auth-error"');
    expect(html).toContain("Access denied");
    expect(html).toContain("while signing in with Keycloak");
    expect(html).toContain("Keycloak said no.");
  });

  it("links to retryHref and home, and shows the code", () => {
    expect(html).toMatch(/<a href="\/api\/auth\/signin\?retry=1"[^>]*>Try again<\/a>/);
    expect(html).toMatch(/<a href="\/"[^>]*>Back to home<\/a>/);
    expect(html).toContain("<code");
    expect(html).toContain("AccessDenied");
  });

  it("uses a custom retry label and omits a missing code", () => {
    const custom = renderToStaticMarkup(
      <ErrorPanel idpName="Okta" title="t" message="m" retryHref="/" retryLabel="Sign in again" />,
    );
    expect(custom).toContain("Sign in again");
    expect(custom).not.toContain("Error code");
  });
});
