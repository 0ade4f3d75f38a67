import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { JsonPanel } from "./json-panel.tsx";
import { Notice } from "./notice.tsx";
import { SignedOutHero } from "./signed-out-hero.tsx";

describe("Notice", () => {
  it("renders a titled note in its tone", () => {
    const html = renderToStaticMarkup(
      <Notice tone="warning" title="IdP session still active">
        No RP-initiated logout.
      </Notice>,
    );
    expect(html).toContain('role="note"');
    expect(html).toContain('data-tone="warning"');
    expect(html).toContain("IdP session still active");
    expect(html).toContain("No RP-initiated logout.");
  });
});

describe("JsonPanel", () => {
  it("pretty-prints escaped JSON under its title", () => {
    const html = renderToStaticMarkup(<JsonPanel title="Userinfo" data={{ html: "<i>" }} />);
    expect(html).toContain("Userinfo</h2>");
    expect(html).toContain("<code>{\n  &quot;html&quot;: &quot;&lt;i&gt;&quot;\n}</code>");
  });
});

describe("SignedOutHero", () => {
  it("names the IdP and renders the sign-in slot", () => {
    const html = renderToStaticMarkup(
      <SignedOutHero idpName="Logto">
        <button type="submit">sign in</button>
      </SignedOutHero>,
    );
    expect(html).toContain("Sign in with Logto</h1>");
    expect(html).toContain(">sign in</button>");
    expect(html).not.toContain("sign-up-link");
  });

  it("links to enrolment when the IdP has no sign-up of its own", () => {
    const html = renderToStaticMarkup(
      <SignedOutHero idpName="Beyond Identity" signUp={{ href: "/register", label: "Register" }}>
        <button type="submit">sign in</button>
      </SignedOutHero>,
    );
    expect(html).toMatch(
      /New here\? <a [^>]*href="\/register" data-testid="sign-up-link">Register<\/a>/,
    );
  });
});
