import type { KoaContextWithOIDC } from "oidc-provider";
import type { MemoryStore } from "./memory-store.ts";
import type { RefreshPolicy } from "./types.ts";

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

function isRefreshGrant(ctx: KoaContextWithOIDC): boolean {
  return (
    ctx.oidc?.route === "token" &&
    ctx.oidc.params?.grant_type === "refresh_token" &&
    ctx.status === 200
  );
}

/**
 * After a successful refresh: deletes the refresh token it replaced and the grant's earlier access
 * tokens, when the vendor does (oidc-provider only marks the old refresh token consumed).
 */
export function applyRefreshPolicy(
  policy: RefreshPolicy | undefined,
  store: MemoryStore,
): Middleware {
  return async (ctx, next) => {
    await next();
    if (!policy || !isRefreshGrant(ctx)) return;
    const { RotatedRefreshToken: rotated, AccessToken: issued } = ctx.oidc.entities;
    if (policy.deleteRotated && rotated) await rotated.destroy();
    if (policy.revokeEarlierAccessTokens && issued?.grantId) {
      store.destroyWhere(
        "AccessToken",
        (payload) => payload.grantId === issued.grantId && payload.jti !== issued.jti,
      );
    }
  };
}
