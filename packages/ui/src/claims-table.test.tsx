import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ClaimsTable } from "./claims-table.tsx";

describe("ClaimsTable", () => {
  it("escapes HTML in values and keys", () => {
    const html = renderToStaticMarkup(
      <ClaimsTable claims={{ name: "<script>alert(1)</script>", "<b>": { x: "<img>" } }} />,
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img&gt;");
  });

  it("sorts keys", () => {
    const html = renderToStaticMarkup(
      <ClaimsTable claims={{ sub: "1", email: "a@b", aud: "x" }} />,
    );
    const order = [...html.matchAll(/data-claim="([^"]+)"/g)].map((match) => match[1]);
    expect(order).toEqual(["aud", "email", "sub"]);
  });

  it("shows ISO dates for epoch claims only", () => {
    const html = renderToStaticMarkup(
      <ClaimsTable claims={{ exp: 1_700_000_000, auth_time: 1_700_000_000, age: 1_700_000_000 }} />,
    );
    const dates = [...html.matchAll(/<time dateTime="([^"]+)"/g)].map((match) => match[1]);
    expect(dates).toEqual(["2023-11-14T22:13:20.000Z", "2023-11-14T22:13:20.000Z"]);
  });

  it("renders booleans, null and objects as JSON, with a caption", () => {
    const html = renderToStaticMarkup(
      <ClaimsTable caption="ID token" claims={{ email_verified: true, groups: ["a"], x: null }} />,
    );
    expect(html).toContain("<caption");
    expect(html).toContain("ID token");
    expect(html).toContain(">true<");
    expect(html).toContain(">null<");
    expect(html).toContain("<code>[\n  &quot;a&quot;\n]</code>");
    expect(html).toContain('data-testid="claims-table"');
  });
});
