import type { E2eTarget } from "@idp-gallery/e2e";
import { describe, expect, it } from "vitest";
import { targetBrowserArgs } from "./browser.ts";

const withIdp = (idpServer: Partial<E2eTarget["idpServer"]>) => ({ idpServer }) as E2eTarget;

describe("targetBrowserArgs", () => {
  it("pins an https IdP's certificate by its SPKI hashes, as the e2e contract does", () => {
    expect(targetBrowserArgs(withIdp({ spkiPins: () => ["a=", "b="] }))).toEqual([
      "--ignore-certificate-errors-spki-list=a=,b=",
    ]);
  });

  it("adds nothing for a plain-http IdP", () => {
    expect(targetBrowserArgs(withIdp({}))).toEqual([]);
    expect(targetBrowserArgs(withIdp({ spkiPins: () => [] }))).toEqual([]);
  });
});
