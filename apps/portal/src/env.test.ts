import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { envKey, findRepoRoot, portalConfig } from "./env.ts";
import { gallery } from "./gallery.ts";

describe("portalConfig", () => {
  it("defaults to the repo's facts and bench files and the dev ports", () => {
    const config = portalConfig({});
    expect(existsSync(join(config.repoRoot, "pnpm-workspace.yaml"))).toBe(true);
    expect(config.factsDir).toBe(join(config.repoRoot, "packages/e2e/facts"));
    expect(config.benchResults).toBe(join(config.repoRoot, "packages/bench/results/latest.json"));
    expect(config.entries.map((e) => e.appUrl)).toEqual(gallery.map((e) => e.appUrl));
  });

  it("waits longer for a status answer under next dev, whose apps compile on first request", () => {
    expect(portalConfig({ NODE_ENV: "production" }).statusTimeoutMs).toBe(1500);
    expect(portalConfig({ NODE_ENV: "development" }).statusTimeoutMs).toBe(10_000);
    expect(
      portalConfig({ NODE_ENV: "development", PORTAL_STATUS_TIMEOUT_MS: "300" }).statusTimeoutMs,
    ).toBe(300);
  });

  it("takes each app's URL and IdP health URL from PORTAL_<ID>_…", () => {
    expect(envKey("django-oidc", "APP_URL")).toBe("PORTAL_DJANGO_OIDC_APP_URL");
    const config = portalConfig({
      PORTAL_DJANGO_OIDC_APP_URL: "http://localhost:4999",
      PORTAL_WSO2_IDP_HEALTH_URL: "http://localhost:4998/ready",
      PORTAL_WSO2_IDP_URL: "https://localhost:9843/oauth2/token",
      PORTAL_FACTS_DIR: "/tmp/facts",
    });
    const byId = Object.fromEntries(config.entries.map((e) => [e.id, e]));
    expect(byId["django-oidc"]?.appUrl).toBe("http://localhost:4999");
    expect(byId.wso2?.idpHealthUrl).toBe("http://localhost:4998/ready");
    expect(byId.wso2?.idpUrl).toBe("https://localhost:9843/oauth2/token");
    expect(byId.logto?.appUrl).toBe("http://localhost:3004");
    expect(config.factsDir).toBe("/tmp/facts");
  });

  it("treats empty values as unset, as .env.example leaves them", () => {
    const config = portalConfig({
      PORTAL_REPO_URL: "",
      PORTAL_FACTS_DIR: "",
      PORTAL_LOGTO_APP_URL: "",
    });
    expect(config.repoUrl).toBeUndefined();
    expect(config.factsDir).toBe(join(config.repoRoot, "packages/e2e/facts"));
    expect(config.entries.find((e) => e.id === "logto")?.appUrl).toBe("http://localhost:3004");
  });

  it("refuses a value that is not a URL, naming the variable", () => {
    expect(() => portalConfig({ PORTAL_LOGTO_APP_URL: "localhost:3004" })).toThrow(
      /PORTAL_LOGTO_APP_URL must be a URL/,
    );
  });

  it("finds the repo root from a folder inside it", () => {
    const root = findRepoRoot();
    expect(findRepoRoot(join(root, "apps", "portal", "src"))).toBe(root);
  });
});
