import { describe, expect, it } from "vitest";
import { z } from "zod";
import { assertProductionSettings, developmentSettings, parseAppEnv } from "./production-guard.ts";

// The values of apps/django-oidc/.env.example, as `pnpm install` copies them to .env.local.
const example = {
  AUTH_URL: "http://localhost:3003",
  AUTH_SECRET: "s".repeat(40),
  AUTH_DJANGO_ISSUER: "http://localhost:8000/o",
  AUTH_DJANGO_ID: "idp-gallery-django-oidc",
  AUTH_DJANGO_SECRET: "dev-only-7Jc2qX9vLmP4sT8wRz3N6bYe1KdHfGuA",
};

const deployed = {
  AUTH_URL: "https://app.example.com",
  AUTH_SECRET: "s".repeat(40),
  AUTH_DJANGO_ISSUER: "https://idp.example.com/o",
  AUTH_DJANGO_ID: "app",
  AUTH_DJANGO_SECRET: "a-real-secret",
  REDIS_URL: "redis://127.0.0.1:6379",
};

const schema = z.object({
  AUTH_URL: z.url(),
  AUTH_DJANGO_ISSUER: z.url(),
  AUTH_DJANGO_SECRET: z.string(),
  REDIS_URL: z.string().optional(),
});

describe("the production guard", () => {
  it("names every development value of .env.example", () => {
    const problems = developmentSettings(example);
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/AUTH_DJANGO_SECRET is the development value/);
    expect(problems.join("\n")).toMatch(/AUTH_DJANGO_ISSUER points at this machine/);
    expect(problems.join("\n")).toMatch(/AUTH_URL is http/);
  });

  it("refuses to start a production server with them, with a message that says how to fix it", () => {
    expect(() => assertProductionSettings(example, { NODE_ENV: "production" })).toThrow(
      /Refusing to start in production[\s\S]*AUTH_DJANGO_SECRET[\s\S]*AUTH_ALLOW_DEV_SETTINGS=1/,
    );
    expect(() =>
      parseAppEnv(schema, { ...example, NODE_ENV: "production" } as NodeJS.ProcessEnv),
    ).toThrow(/Refusing to start in production/);
  });

  it.each([
    ["https IdP on 127.0.0.1", { AUTH_WSO2_ISSUER: "https://127.0.0.1:9443/oauth2/token" }],
    ["IdP on ::1", { LOGTO_ENDPOINT: "http://[::1]:3301" }],
    ["IdP on a .localhost name", { BEYOND_IDENTITY_API_BASE: "https://auth.localhost/v1" }],
  ])("refuses an %s", (_, env) => {
    expect(() =>
      assertProductionSettings({ ...deployed, ...env }, { NODE_ENV: "production" }),
    ).toThrow(/points at this machine/);
  });

  it("lets deployed settings through, Redis on loopback included", () => {
    expect(developmentSettings(deployed)).toEqual([]);
    expect(
      parseAppEnv(schema, { ...deployed, NODE_ENV: "production" } as NodeJS.ProcessEnv),
    ).toMatchObject({
      AUTH_DJANGO_ISSUER: "https://idp.example.com/o",
    });
  });

  it("lets development, next build and an explicit allowance through", () => {
    expect(() => assertProductionSettings(example, { NODE_ENV: "development" })).not.toThrow();
    expect(() =>
      assertProductionSettings(example, {
        NODE_ENV: "production",
        NEXT_PHASE: "phase-production-build",
      }),
    ).not.toThrow();
    expect(() =>
      assertProductionSettings(example, { NODE_ENV: "production", AUTH_ALLOW_DEV_SETTINGS: "1" }),
    ).not.toThrow();
    expect(() =>
      assertProductionSettings(example, { NODE_ENV: "production", AUTH_ALLOW_DEV_SETTINGS: "yes" }),
    ).toThrow();
  });
});
