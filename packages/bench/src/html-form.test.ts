import { djangoOidc } from "@idp-gallery/emulators";
import { describe, expect, it } from "vitest";
import { findForm, submission } from "./html-form.ts";

const loginUrl = "http://localhost:8800/accounts/login/?next=/o/authorize/%3Fclient_id%3Dx";
const loginPage = djangoOidc.pages.login({
  next: "/o/authorize/?client_id=x",
  username: "",
  error: false,
  csrfToken: "tok&en",
});

describe("findForm", () => {
  it("reads the emulator's Django login form as a browser would", () => {
    const form = findForm(loginPage, loginUrl, "form#login-form");
    expect(form?.method).toBe("POST");
    // action="" submits to the page's own URL, query included.
    expect(form?.action).toBe(loginUrl);
    expect(form?.fields).toEqual([
      ["csrfmiddlewaretoken", "tok&en"],
      ["username", ""],
      ["password", ""],
      ["next", "/o/authorize/?client_id=x"],
    ]);
    expect(form?.buttons).toEqual([{ value: "Log in" }]);
  });

  it("returns undefined when the page has no such form", () => {
    expect(findForm("<p>nothing</p>", loginUrl)).toBeUndefined();
    expect(findForm(loginPage, loginUrl, "form#authorizationForm")).toBeUndefined();
  });

  it("skips unchecked boxes, disabled and nameless controls; reads selects and textareas", () => {
    const form = findForm(
      `<form method="get" action="/search">
        <input type="checkbox" name="a" value="1">
        <input type="checkbox" name="b" checked>
        <input name="c" value="x" disabled>
        <input value="no name">
        <select name="d"><option value="1">one</option><option value="2" selected>two</option></select>
        <textarea name="e">text</textarea>
        <button name="go" value="yes">Go</button>
      </form>`,
      "http://example.test/page",
    );
    expect(form?.method).toBe("GET");
    expect(form?.action).toBe("http://example.test/search");
    expect(form?.fields).toEqual([
      ["b", "on"],
      ["d", "2"],
      ["e", "text"],
    ]);
    expect(form?.buttons).toEqual([{ name: "go", value: "yes" }]);
  });
});

describe("submission", () => {
  it("fills fields and posts to the action", () => {
    const form = findForm(loginPage, loginUrl, "form#login-form");
    if (!form) throw new Error("no form");
    const request = submission(form, { username: "alice", password: "wonderland-1865" });
    expect(request.method).toBe("POST");
    expect(request.url).toBe(loginUrl);
    expect(Object.fromEntries(request.body)).toEqual({
      csrfmiddlewaretoken: "tok&en",
      username: "alice",
      password: "wonderland-1865",
      next: "/o/authorize/?client_id=x",
    });
  });

  it("adds the pressed button's name and value, as on DOT's consent page", () => {
    const page = djangoOidc.pages.consent({
      applicationName: "IdP Gallery",
      scopes: djangoOidc.scopes,
      params: { client_id: "x", state: "s" },
      csrfToken: "t",
    });
    const url = "http://localhost:8800/o/authorize/consent/";
    const form = findForm(page, url, "form#authorizationForm");
    if (!form) throw new Error("no form");
    const allow = submission(form, {}, "Authorize");
    expect(allow.url).toBe(url);
    expect(allow.body.get("allow")).toBe("Authorize");
    expect(allow.body.get("state")).toBe("s");
    // Cancel has no name: nothing is added, so DOT reads it as a denial.
    expect(submission(form, {}, "Cancel").body.has("allow")).toBe(false);
  });

  it("refuses unknown fields and buttons", () => {
    const form = findForm(loginPage, loginUrl, "form#login-form");
    if (!form) throw new Error("no form");
    expect(() => submission(form, { nope: "1" })).toThrow(/no field/);
    expect(() => submission(form, {}, "Sign up")).toThrow(/no button/);
  });

  it("puts GET forms into the query", () => {
    const form = findForm(
      `<form action="/s?old=1"><input name="q" value="a b"></form>`,
      "http://example.test/",
    );
    if (!form) throw new Error("no form");
    expect(submission(form).url).toBe("http://example.test/s?q=a+b");
  });
});
