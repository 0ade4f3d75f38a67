import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SessionLifetime } from "./session-lifetime.tsx";

const props = {
  idpName: "WSO2",
  signedInAt: "2026-12-01T08:00:00.000Z",
  endsAt: "2026-12-02T08:00:00.000Z",
  idleSeconds: 8 * 3600,
};

describe("SessionLifetime", () => {
  it("shows the sign-in, the absolute end and the idle timeout", () => {
    const html = renderToStaticMarkup(<SessionLifetime {...props} refreshable />);
    expect(html).toContain('data-testid="session-lifetime"');
    expect(html).toContain('dateTime="2026-12-02T08:00:00.000Z"');
    expect(html).toContain("2 Dec 2026, 08:00 UTC");
    expect(html).toContain("8 h");
    expect(html).toContain("renews WSO2&#x27;s access token with its refresh token");
  });

  it("says so when the IdP gave no refresh token", () => {
    const html = renderToStaticMarkup(
      <SessionLifetime {...props} idpName="Django SSO" idleSeconds={90} refreshable={false} />,
    );
    expect(html).toContain("Django SSO gave this session no refresh token");
    expect(html).toContain("90 s");
  });
});
