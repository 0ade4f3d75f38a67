import type { NormalizedSession, SessionBackend } from "@idp-gallery/session";
import { isValidElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createGalleryApp, type GalleryIdp } from "./gallery-app.tsx";

const alice: NormalizedSession = {
  idp: "django-oidc",
  user: { id: "user-1", name: "Alice Liddell", email: "alice@example.com" },
  expiresAt: "2026-12-02T12:00:00.000Z",
};

// A session backend with a fixed session: the pages' own logic is what these tests exercise.
function backend(session: NormalizedSession | null, claims = { sub: "user-1", email: "a@b" }) {
  const unused = () => Promise.reject(new Error("not used by the pages"));
  return {
    getSession: async () => session,
    getClaims: async () => (session ? claims : null),
    meRoute: unused,
    signInRoute: unused,
    signOutRoute: unused,
    proxy: () => undefined,
  } satisfies SessionBackend;
}

function app(session: NormalizedSession | null, more: Partial<GalleryIdp> = {}) {
  return createGalleryApp({
    id: "django-oidc",
    name: "Django",
    session: backend(session),
    ...more,
  });
}

async function html(element: Promise<unknown>): Promise<string> {
  const rendered = await element;
  if (!isValidElement(rendered)) throw new Error("the page rendered no element");
  return renderToStaticMarkup(rendered as ReactElement);
}

const noSearch = { searchParams: Promise.resolve({}) };

describe("createGalleryApp", () => {
  it("home: signed out, the sign-in button (a GET to /auth/sign-in) and the sign-up link if any", async () => {
    const page = await html(
      app(null, { signUp: { href: "/register", label: "Register" } }).HomePage(noSearch),
    );
    expect(page).toContain('action="/auth/sign-in" method="get"');
    expect(page).toContain("Sign in with Django");
    expect(page).toContain('href="/register"');
  });

  it("home: signed in, the profile; a sign-out notice only when signed out", async () => {
    const signedIn = await html(
      app(alice).HomePage({ searchParams: Promise.resolve({ "signed-out": "no-rp-logout" }) }),
    );
    expect(signedIn).toContain("Alice Liddell");
    expect(signedIn).not.toContain('data-testid="notice"');
    const signedOut = await html(
      app(null).HomePage({ searchParams: Promise.resolve({ "signed-out": "no-rp-logout" }) }),
    );
    expect(signedOut).toContain('data-testid="notice"');
  });

  it("protected: claims and each extra; a failing extra is a notice naming the IdP", async () => {
    const page = await html(
      app(alice, {
        claimsCaption: "What Django said",
        extras: (claims) => [
          { title: "Userinfo", load: async () => ({ echoed: claims.email }) },
          { title: "SCIM", load: () => Promise.reject(new Error("refused: 403")) },
        ],
      }).ProtectedPage(),
    );
    expect(page).toContain("What Django said");
    expect(page).toContain("&quot;echoed&quot;: &quot;a@b&quot;");
    expect(page).toContain("Could not load data from Django");
    expect(page).toContain("SCIM: refused: 403");
  });

  it("protected: without a session it redirects into sign-in, back to /protected", async () => {
    const redirected = await app(null)
      .ProtectedPage()
      .then(
        () => null,
        (error: { digest?: string }) => error.digest ?? "",
      );
    expect(redirected).toContain("/auth/sign-in?callbackUrl=/protected");
  });

  it("error page: the IdP's name, the reason, and a way to try again", async () => {
    const page = await html(
      app(null).AuthErrorPage({ searchParams: Promise.resolve({ error: "AccessDenied" }) }),
    );
    expect(page).toContain("Django");
    expect(page).toContain('href="/auth/sign-in"');
  });

  it("layout: the sign-out control when signed in, metadata naming the IdP", async () => {
    const gallery = app(alice);
    const layout = await html(gallery.RootLayout({ children: <p>page</p> }));
    expect(layout).toContain('action="/auth/sign-out"');
    expect(layout).toContain("<p>page</p>");
    expect(gallery.metadata.title).toBe("IdP Gallery · Django");
  });

  it("health: a public, uncached 200", async () => {
    const response = app(null).healthRoute();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ok: true });
  });
});
