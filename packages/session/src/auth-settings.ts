import type { GalleryAuthOptions } from "./authjs.ts";
import { cookieName, cookieNamespace } from "./cookies.ts";
import type { IdpId } from "./idps.ts";
import { resolveSessionLifetime, type SessionLifetime } from "./session-lifetime.ts";

export const defaultPaths = {
  signIn: "/auth/sign-in",
  signOut: "/auth/sign-out",
  error: "/auth/error",
  home: "/",
};

export type GalleryPaths = typeof defaultPaths;

/** What both strategies and the shared core derive from the options, resolved once at startup. */
export interface GallerySettings {
  idp: IdpId;
  idpName: string;
  /** The app's public origin: the only place redirects may go. */
  appUrl: string;
  secret: string;
  /** Over https: prefixed, Secure cookies. */
  secure: boolean;
  /** Prefix of every cookie of this app (and of its revocation store's keys). */
  namespace: string;
  sessionCookie: string;
  paths: GalleryPaths;
  idpTimeoutMs: number;
  /** The idle timeout (the cookie's rolling max age) and the absolute lifetime. */
  lifetime: SessionLifetime;
}

export function resolveSettings(options: GalleryAuthOptions): GallerySettings {
  const appUrl = new URL(requireSetting(options.appUrl ?? process.env.AUTH_URL, "AUTH_URL")).origin;
  const secret = requireSetting(options.secret ?? process.env.AUTH_SECRET, "AUTH_SECRET");
  const secure = appUrl.startsWith("https:");
  const namespace = cookieNamespace(options.idp, appUrl);
  return {
    idp: options.idp,
    idpName: options.idpName,
    appUrl,
    secret,
    secure,
    namespace,
    sessionCookie: cookieName(namespace, "sessionToken", secure),
    paths: { ...defaultPaths, ...options.paths },
    idpTimeoutMs: options.idpTimeoutMs ?? 8000,
    lifetime: resolveSessionLifetime(options.sessionLifetime),
  };
}

export const requireSetting = (value: string | undefined, name: string): string => {
  if (!value)
    throw new Error(
      `${name} is not set. Copy .env.example to .env.local (pnpm install does this).`,
    );
  return value;
};
