import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppShell } from "./app-shell.tsx";

const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("AppShell", () => {
  const html = renderToStaticMarkup(
    <AppShell
      idpName="Django OAuth Toolkit"
      user={null}
      actions={<button type="button">Go</button>}
    >
      <p>Page body</p>
    </AppShell>,
  );

  it("names the IdP in the header", () => {
    expect(text(html)).toContain("IdP Gallery · Django OAuth Toolkit");
    expect(html).toMatch(/<header[^>]*>.*Django OAuth Toolkit.*<\/header>/s);
  });

  it("renders the default nav, the session, the actions and the page in landmarks", () => {
    expect(html).toMatch(/<nav aria-label="Main">/);
    for (const href of ["/", "/protected", "/api/me"]) expect(html).toContain(`href="${href}"`);
    expect(html).toContain('data-testid="session-badge"');
    expect(html).toContain(">Go</button>");
    expect(html).toMatch(/<main id="main"[^>]*><p>Page body<\/p><\/main>/);
  });

  it("takes a custom title and nav", () => {
    const custom = renderToStaticMarkup(
      <AppShell
        idpName="Logto"
        appTitle="Gallery"
        user={{ name: "Bob", email: "" }}
        nav={[{ href: "/scim", label: "SCIM" }]}
      >
        x
      </AppShell>,
    );
    expect(text(custom)).toContain("Gallery · Logto");
    expect(custom).toContain('href="/scim"');
    expect(custom).not.toContain('href="/protected"');
    expect(text(custom)).toContain("Signed in as Bob");
  });
});
