import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SignInButton } from "./sign-in-button.tsx";
import { SignOutButton } from "./sign-out-button.tsx";

const action = async (_formData: FormData) => {};

describe("SignInButton", () => {
  it("renders a form with a submit button naming the IdP", () => {
    const html = renderToStaticMarkup(<SignInButton action={action} idpName="Okta" />);
    expect(html).toMatch(/^<form[^>]*><button.*<\/button><\/form>/s);
    expect(html).toMatch(/<button type="submit"[^>]*data-testid="sign-in"/);
    expect(html).toContain("Sign in with Okta");
    expect(html).not.toMatch(/<button[^>]* disabled=""/);
  });

  it("takes a custom label", () => {
    const html = renderToStaticMarkup(
      <SignInButton action={action} idpName="Okta" label="Log in" />,
    );
    expect(html).toContain("Log in");
  });
});

describe("SignOutButton", () => {
  it("renders a form with a sign-out submit button", () => {
    const html = renderToStaticMarkup(<SignOutButton action={action} />);
    expect(html).toMatch(/^<form[^>]*><button.*<\/button><\/form>/s);
    expect(html).toMatch(/<button type="submit"[^>]*data-testid="sign-out"/);
    expect(html).toContain("Sign out");
  });
});

describe("URL actions", () => {
  it("submits a sign-in route with GET when asked", () => {
    const html = renderToStaticMarkup(
      <SignInButton action="/auth/sign-in" method="get" idpName="Okta" />,
    );
    expect(html).toMatch(/^<form action="\/auth\/sign-in" method="get">/);
  });

  it("posts to a sign-out route by default", () => {
    const html = renderToStaticMarkup(<SignOutButton action="/auth/sign-out" />);
    expect(html).toMatch(/^<form action="\/auth\/sign-out" method="post">/);
  });
});
