import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SessionBadge } from "./session-badge.tsx";

const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("SessionBadge", () => {
  it("names the signed-in user with their email", () => {
    const html = renderToStaticMarkup(
      <SessionBadge user={{ name: "Alice Liddell", email: "alice@example.com" }} />,
    );
    expect(html).toContain('data-testid="session-badge"');
    expect(html).toContain('data-state="signed-in"');
    expect(text(html)).toContain("Signed in as Alice Liddell alice@example.com");
  });

  it("says signed out without a user", () => {
    const html = renderToStaticMarkup(<SessionBadge user={null} />);
    expect(html).toContain('data-state="signed-out"');
    expect(text(html)).toBe("Signed out");
  });
});
