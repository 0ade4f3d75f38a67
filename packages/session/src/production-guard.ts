import type { z } from "zod";

/** Set to 1 to run a production build with development settings (the gallery's e2e and bench do). */
export const allowDevSettingsVariable = "AUTH_ALLOW_DEV_SETTINGS";

const loopbackHostname = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function httpUrl(value: string): URL | null {
  if (!/^https?:\/\//i.test(value)) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** What in these settings is only fit for development, one sentence per variable. */
export function developmentSettings(env: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (typeof value !== "string") continue;
    if (value.startsWith("dev-only-")) {
      problems.push(
        `${name} is the development value from .env.example; set the one your IdP issued`,
      );
      continue;
    }
    const url = httpUrl(value);
    if (!url) continue;
    if (name === "AUTH_URL") {
      if (url.protocol === "http:") {
        problems.push(
          `AUTH_URL is http (${url.origin}): cookies would not be Secure; serve the app over https`,
        );
      }
    } else if (loopbackHostname.test(url.hostname)) {
      problems.push(
        `${name} points at this machine (${url.origin}), where the emulators run; set your IdP's URL`,
      );
    }
  }
  return problems;
}

/**
 * Refuses to start a production server (`next start`, NODE_ENV=production) with the development
 * values of .env.example: `dev-only-` secrets, IdP URLs on this machine (the emulators) or an http
 * AUTH_URL. `next build` is let through (it runs with the example env), and so is a run that sets
 * AUTH_ALLOW_DEV_SETTINGS=1 on purpose.
 */
export function assertProductionSettings(
  env: Record<string, unknown>,
  source: NodeJS.ProcessEnv = process.env,
): void {
  if (source.NODE_ENV !== "production") return;
  if (source.NEXT_PHASE === "phase-production-build") return;
  if (source[allowDevSettingsVariable] === "1") return;
  const problems = developmentSettings(env);
  if (problems.length === 0) return;
  throw new Error(
    [
      "Refusing to start in production with development settings:",
      ...problems.map((problem) => `  - ${problem}`),
      `Set ${allowDevSettingsVariable}=1 to run a production build against the emulators anyway.`,
    ].join("\n"),
  );
}

/** The app's env, validated by `schema`, and fit for production when NODE_ENV is production. */
export function parseAppEnv<Schema extends z.ZodType<Record<string, unknown>>>(
  schema: Schema,
  source: NodeJS.ProcessEnv = process.env,
): z.output<Schema> {
  const env = schema.parse(source);
  assertProductionSettings(env, source);
  return env;
}
