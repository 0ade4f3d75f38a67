import { describe, expect, it } from "vitest";
import { safeRedirectPath, safeRedirectUrl } from "./redirect.ts";

const app = "http://localhost:3003";

describe("safeRedirectPath", () => {
  it.each([
    ["/protected", "/protected"],
    ["/protected?tab=claims#top", "/protected?tab=claims#top"],
    ["http://localhost:3003/protected", "/protected"],
    ["protected", "/protected"],
  ])("keeps same-origin target %s", (target, expected) => {
    expect(safeRedirectPath(target, app)).toBe(expected);
  });

  it.each([
    "https://evil.example/steal",
    "//evil.example/steal",
    "/\\evil.example",
    "\\\\evil.example",
    "http://localhost:4003/protected",
    "https://localhost:3003/protected",
    "javascript:alert(1)",
    "data:text/html,hi",
    "/\t/evil.example",
    "http://localhost:3003@evil.example/",
  ])("falls back for %s", (target) => {
    expect(safeRedirectPath(target, app)).toBe("/");
  });

  // Each of these once normalized into `//evil.example`, which a browser reads as another origin.
  it.each([
    ["dot segment", "/.//evil.example"],
    ["parent segment", "/..//evil.example"],
    ["parent segments past the root", "/a/../..//evil.example"],
    ["encoded dot segments", "/%2e%2e//evil.example"],
    ["encoded single dot", "/%2E//evil.example"],
    ["doubled slash after the app's origin", "http://localhost:3003//evil.example"],
    ["tripled slash", "///evil.example"],
    ["leading space before doubled slash", " //evil.example"],
    ["backslash after slash", "/\\evil.example"],
    ["userinfo on the app's origin", "http://user:pass@localhost:3003/protected"],
    ["userinfo before another host", "//localhost:3003@evil.example/"],
    ["javascript with leading whitespace", " javascript:alert(1)"],
    ["javascript in capitals", "JAVASCRIPT:alert(1)"],
    ["vbscript", "vbscript:msgbox(1)"],
    ["newline inside the scheme", "java\nscript:alert(1)"],
    ["tab inside doubled slash", "/\t/evil.example"],
    ["another scheme with the app's host", "ftp://localhost:3003/"],
  ])("refuses %s (%s) and never yields another origin", (_, target) => {
    const path = safeRedirectPath(target, app);
    expect(new URL(path, app).origin).toBe(app);
    expect(path).toBe("/");
    expect(safeRedirectUrl(target, app)).toBe(`${app}/`);
  });

  it.each([
    ["encoded slashes stay one path segment", "/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["dot segments inside the app", "/a/./b/../protected", "/a/protected"],
    ["doubled slash later in the path", "/protected//claims", "/protected//claims"],
    ["an encoded backslash stays in the segment", "/.%5C/evil.example", "/.%5C/evil.example"],
    ["a query holding a URL", "/protected?next=//evil.example", "/protected?next=//evil.example"],
  ])("keeps %s on the app's origin", (_, target, expected) => {
    expect(safeRedirectPath(target, app)).toBe(expected);
    expect(new URL(safeRedirectUrl(target, app)).origin).toBe(app);
  });

  it("falls back for missing targets and honours a custom fallback", () => {
    expect(safeRedirectPath(undefined, app)).toBe("/");
    expect(safeRedirectPath("", app, "/home")).toBe("/home");
    expect(safeRedirectPath("https://evil.example", app, "/home")).toBe("/home");
  });

  it("returns absolute URLs on the app's origin for Auth.js", () => {
    expect(safeRedirectUrl("/protected", app)).toBe("http://localhost:3003/protected");
    expect(safeRedirectUrl("https://evil.example/", app)).toBe("http://localhost:3003/");
  });
});
