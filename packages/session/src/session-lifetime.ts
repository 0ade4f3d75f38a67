import { z } from "zod";

/**
 * How long a gallery session lasts, the same for every app and client library: an idle timeout that
 * rolls with use, and an absolute lifetime from sign-in that never does. Past either, the next
 * request finds no session.
 */
export interface SessionLifetime {
  /** Ends a session unused for this long; every gated request restarts the count. */
  idleSeconds: number;
  /** Ends a session this long after its sign-in, however often it is used. */
  absoluteSeconds: number;
}

export const sessionLifetimeEnv = {
  idleSeconds: "AUTH_SESSION_IDLE_SECONDS",
  absoluteSeconds: "AUTH_SESSION_ABSOLUTE_SECONDS",
} as const;

// A working day without use; one day from sign-in at most (OWASP ASVS 3.3: both bounds exist).
export const defaultSessionLifetime: SessionLifetime = {
  idleSeconds: 8 * 60 * 60,
  absoluteSeconds: 24 * 60 * 60,
};

const seconds = z.coerce.number().int().positive();

/** The lifetime the options give, else the env, else the defaults; a bad value fails at startup. */
export function resolveSessionLifetime(
  options: Partial<SessionLifetime> = {},
  env: Record<string, string | undefined> = process.env,
): SessionLifetime {
  const pick = (key: keyof SessionLifetime): number => {
    const name = sessionLifetimeEnv[key];
    const value = options[key] ?? env[name];
    if (value === undefined || value === "") return defaultSessionLifetime[key];
    const parsed = seconds.safeParse(value);
    if (!parsed.success) throw new Error(`${name} must be a whole number of seconds above 0.`);
    return parsed.data;
  };
  const lifetime = { idleSeconds: pick("idleSeconds"), absoluteSeconds: pick("absoluteSeconds") };
  // An idle timeout longer than the whole session would never apply.
  return { ...lifetime, idleSeconds: Math.min(lifetime.idleSeconds, lifetime.absoluteSeconds) };
}

/** Whether a session that started at `signedInAt` (epoch ms) has outlived its absolute lifetime. */
export function isPastAbsoluteLifetime(
  signedInAt: number | undefined,
  lifetime: SessionLifetime,
  now = Date.now(),
): boolean {
  // A session without a start time is the oldest possible one (fail closed).
  if (typeof signedInAt !== "number" || !Number.isFinite(signedInAt)) return true;
  return now >= signedInAt + lifetime.absoluteSeconds * 1000;
}

/** Seconds left before the absolute lifetime ends (at least 0): a TTL for server-side state. */
export function secondsLeft(signedInAt: number, lifetime: SessionLifetime, now = Date.now()) {
  return Math.max(0, Math.ceil((signedInAt + lifetime.absoluteSeconds * 1000 - now) / 1000));
}
