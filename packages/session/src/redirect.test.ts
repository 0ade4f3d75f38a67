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
