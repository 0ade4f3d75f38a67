import { describe, expect, it } from "vitest";
import { getTarget, targets, targetsForApp } from "./targets.ts";

describe("e2e targets", () => {
  it("give every app instance and IdP of a run its own ports, and each IdP its own", () => {
    const portsOf = (t: (typeof targets)[string]) => [
      Number(new URL(t.idpServer.origin).port),
      Number(new URL(t.idpServer.controlUrl).port),
    ];
    for (const target of Object.values(targets)) {
      const ports = [...target.appPorts, ...portsOf(target)];
      expect(new Set(ports).size).toBe(ports.length);
    }
    const idpPorts = Object.values(targets).flatMap(portsOf);
    expect(new Set(idpPorts).size).toBe(idpPorts.length);
  });

  it("point each app instance at its own origin with its own session secret", () => {
    for (const target of Object.values(targets)) {
      const [a, b] = target.appPorts.map((port) => target.appEnv(`http://localhost:${port}`));
      expect(a?.AUTH_URL).toBe(`http://localhost:${target.appPorts[0]}`);
      expect(b?.AUTH_URL).toBe(`http://localhost:${target.appPorts[1]}`);
      expect(a?.AUTH_SECRET).not.toBe(b?.AUTH_SECRET);
      expect(a?.AUTH_SECRET?.length).toBeGreaterThanOrEqual(32);
    }
  });

  it("lists the client secret and the session secrets among the values C10 looks for", () => {
    const target = getTarget("django-oidc");
    const env = target.appEnv(`http://localhost:${target.appPorts[0]}`);
    expect(target.secrets()).toEqual(
      expect.arrayContaining([env.AUTH_DJANGO_SECRET, env.AUTH_SECRET]),
    );
  });

  it("gives each django-sso instance its own service, and B its own gateway session host", () => {
    for (const name of ["django-sso", "django-sso@redis"]) {
      const target = getTarget(name);
      const [a, b] = target.appPorts.map((port) => target.appEnv(`http://localhost:${port}`));
      expect(a?.AUTH_DJANGO_SSO_TOKEN).not.toBe(b?.AUTH_DJANGO_SSO_TOKEN);
      expect(new URL(a?.AUTH_DJANGO_SSO_ROOT ?? "").hostname).toBe("localhost");
      expect(new URL(b?.AUTH_DJANGO_SSO_ROOT ?? "").hostname).toBe("127.0.0.1");
      expect(target.secrets()).toEqual(
        expect.arrayContaining([
          a?.AUTH_DJANGO_SSO_TOKEN,
          b?.AUTH_DJANGO_SSO_TOKEN,
          a?.AUTH_SECRET,
        ]),
      );
    }
    const redis = getTarget("django-sso@redis");
    expect(redis.appEnv("http://localhost:4005").REDIS_URL).toBe("redis://127.0.0.1:6390");
    expect(redis.services?.map((service) => service.port)).toEqual([6390]);
    expect(getTarget("django-sso").appEnv("http://localhost:4005").REDIS_URL).toBeUndefined();
  });

  it("finds targets by app and refuses unknown names", () => {
    expect(targetsForApp("django-oidc").map((t) => t.name)).toEqual([
      "django-oidc",
      "django-oidc@dot-1.7",
    ]);
    expect(() => getTarget("nope")).toThrow(/Unknown e2e target/);
  });
});
