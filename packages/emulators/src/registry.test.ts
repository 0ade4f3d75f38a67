import { idpList } from "@idp-gallery/registry/idps";
import { describe, expect, it } from "vitest";
import {
  defaultPort,
  getSurface,
  idpIds,
  isIdpId,
  isServerId,
  servers,
  surfaces,
} from "./registry.ts";

describe("the emulators' registry", () => {
  it("serves every IdP of the gallery registry, and only those", () => {
    expect(idpIds).toEqual(idpList.map((idp) => idp.id));
    expect([...Object.keys(surfaces), ...Object.keys(servers)].sort()).toEqual([...idpIds].sort());
    expect(isIdpId("nope")).toBe(false);
  });

  it("implements each IdP as the kind the gallery registry says, on its dev port", () => {
    for (const idp of idpList) {
      expect(isIdpId(idp.id)).toBe(true);
      expect(defaultPort(idp.id)).toBe(idp.dev.idpPort);
      if (idp.emulator.kind === "server") {
        expect(isServerId(idp.id)).toBe(true);
        expect(() => getSurface(idp.id)).toThrow(/No OIDC surface/);
        expect(idp.emulator.tls).toBe(false);
      } else {
        expect(isServerId(idp.id)).toBe(false);
        const surface = getSurface(idp.id);
        expect(surface.id).toBe(idp.id);
        expect(surface.tls ?? false).toBe(idp.emulator.tls);
      }
    }
  });
});
