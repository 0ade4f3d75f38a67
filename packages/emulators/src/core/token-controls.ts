import type { MemoryStore } from "./memory-store.ts";
import type { Surface } from "./types.ts";

/** Token lifetimes in seconds, as `POST /__emulator/token-lifetimes` takes and answers them. */
export interface TokenLifetimes {
  accessTokenSeconds: number;
  idTokenSeconds: number;
  refreshTokenSeconds: number;
}

/** Claims no extra-claims call may set: the ones the emulator (or the JWT itself) owns. */
export const RESERVED_CLAIMS = new Set([
  "sub",
  "iss",
  "aud",
  "exp",
  "iat",
  "nbf",
  "jti",
  "nonce",
  "auth_time",
  "at_hash",
  "c_hash",
  "s_hash",
  "sid",
  "azp",
  "acr",
  "amr",
]);

/**
 * The test-time overrides of a surface's token behaviour: lifetimes read when a token is issued (so
 * only tokens issued after a change use it) and extra claims for every account. `reset()` restores
 * the vendor's defaults.
 */
export class TokenControls {
  readonly #defaults: Surface["ttl"];
  #lifetimes: Partial<TokenLifetimes> = {};
  #extraClaims: Record<string, unknown> = {};

  constructor(defaults: Surface["ttl"]) {
    this.#defaults = defaults;
  }

  get accessTokenSeconds(): number | undefined {
    return this.#lifetimes.accessTokenSeconds;
  }

  /** The lifetimes in force: the overrides, else the vendor's defaults. */
  lifetimes(): TokenLifetimes {
    return {
      accessTokenSeconds: this.#lifetimes.accessTokenSeconds ?? this.#defaults.accessToken,
      idTokenSeconds: this.#lifetimes.idTokenSeconds ?? this.#defaults.idToken,
      refreshTokenSeconds: this.#lifetimes.refreshTokenSeconds ?? this.#defaults.refreshToken,
    };
  }

  /** Sets the given lifetimes; the others keep their current value. */
  setLifetimes(next: Partial<TokenLifetimes>): TokenLifetimes {
    this.#lifetimes = { ...this.#lifetimes, ...next };
    return this.lifetimes();
  }

  get extraClaims(): Readonly<Record<string, unknown>> {
    return this.#extraClaims;
  }

  setExtraClaims(claims: Record<string, unknown>): void {
    this.#extraClaims = { ...claims };
  }

  reset(): void {
    this.#lifetimes = {};
    this.#extraClaims = {};
  }
}

/**
 * Destroys every live refresh token (of `sub` when given: the ID token's `sub`, oidc-provider's
 * accountId) and returns how many there were. Already rotated (consumed) ones are left alone.
 */
export function revokeRefreshTokens(store: MemoryStore, sub?: string): number {
  return store.destroyWhere(
    "RefreshToken",
    (payload) => !payload.consumed && (sub === undefined || payload.accountId === sub),
  );
}
