import type { OIDCConfig } from "next-auth/providers";

type AnyOidcConfig = OIDCConfig<Record<string, unknown>>;

/**
 * Auth.js's built-in providers (e.g. `BeyondIdentity({ clientId, clientSecret, issuer })`) keep the
 * caller's settings in `options`, which Auth.js merges over the defaults; merge them here too, so
 * the gallery's defaults, discovery and sign-out see the issuer and client id either way.
 */
export function flattenOptions(provider: AnyOidcConfig): AnyOidcConfig {
  const { options, ...rest } = provider as AnyOidcConfig & { options?: Partial<AnyOidcConfig> };
  return options ? ({ ...rest, ...options } as AnyOidcConfig) : provider;
}
