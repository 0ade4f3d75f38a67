import Provider, {
  type AccessToken,
  type Configuration,
  type KoaContextWithOIDC,
  type TTLFunction,
} from "oidc-provider";
import { clientsOf, users } from "../fixtures.ts";
import type { PersistedKeys } from "./keys.ts";
import type { MemoryStore } from "./memory-store.ts";
import { applyRefreshPolicy } from "./refresh-policy.ts";
import { applyResponseShaping, writeErrorPage } from "./response-shaping.ts";
import type { TokenControls } from "./token-controls.ts";
import type { Surface } from "./types.ts";

export interface ProviderDeps {
  surface: Surface;
  issuer: string;
  origin: string;
  keys: PersistedKeys;
  store: MemoryStore;
  controls: TokenControls;
}

const LOGOUT_FIELDS = [
  "id_token_hint",
  "logout_hint",
  "client_id",
  "post_logout_redirect_uri",
  "state",
  "ui_locales",
] as const;

/** Path + query of the original authorization request, as a vendor's login `next` would carry it. */
export function authorizeUrlFor(surface: Surface, params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string") query.set(key, value);
  }
  return `${surface.mountPath}${surface.routes.authorization}?${query}`;
}

function definedRoutes(surface: Surface): Record<string, string> {
  return Object.fromEntries(
    Object.entries(surface.routes).filter((entry): entry is [string, string] => !!entry[1]),
  );
}

function stringParams(source: Record<string, unknown>, keys: readonly string[]) {
  return Object.fromEntries(
    keys.map((key) => [key, typeof source[key] === "string" ? (source[key] as string) : undefined]),
  );
}

/** Extra claims no scope of the surface releases: oidc-provider must learn them (under `openid`). */
export function unscopedExtraClaims(surface: Surface, controls: TokenControls): string[] {
  const scoped = new Set(surface.scopes.flatMap((scope) => scope.claims));
  return Object.keys(controls.extraClaims).filter((name) => !scoped.has(name));
}

function claimsPerScope(surface: Surface, controls: TokenControls): Record<string, string[]> {
  const extra = unscopedExtraClaims(surface, controls);
  return Object.fromEntries(
    surface.scopes.map((scope) => [
      scope.name,
      scope.name === "openid" ? [...scope.claims, ...extra] : scope.claims,
    ]),
  );
}

/** The extra claims (the extra-claims control) over the vendor's, never over `sub`. */
function withExtraClaims(claims: Record<string, unknown>, controls: TokenControls, sub: string) {
  return { ...claims, ...controls.extraClaims, sub };
}

// Read when a token is issued, so a token-lifetimes call changes only tokens issued after it.
function lifetimes({ surface, controls }: ProviderDeps): Configuration["ttl"] {
  const accessToken: TTLFunction<AccessToken> = (_ctx, token) =>
    controls.accessTokenSeconds ?? token.resourceServer?.accessTokenTTL ?? surface.ttl.accessToken;
  const idToken = () => controls.lifetimes().idTokenSeconds;
  const refreshToken = () => controls.lifetimes().refreshTokenSeconds;
  return {
    AccessToken: accessToken,
    AuthorizationCode: surface.ttl.authorizationCode,
    IdToken: idToken,
    RefreshToken: refreshToken,
    Interaction: 60 * 60,
    Session: 14 * 24 * 60 * 60,
    Grant: 14 * 24 * 60 * 60,
  };
}

function buildConfiguration(deps: ProviderDeps): Configuration {
  const { surface, issuer, origin, keys, store, controls } = deps;
  const grantTypes = surface.refreshTokens
    ? ["authorization_code", "refresh_token"]
    : ["authorization_code"];
  const prefix = surface.cookiePrefix;

  return {
    adapter: store.adapterFor,
    clients: clientsOf(surface.id).map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: client.name,
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris,
      grant_types: grantTypes,
      response_types: ["code"],
      // Basic and post are interchangeable in oidc-provider for secret-based clients.
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: surface.signing.alg,
      // Vendors (DOT included) put auth_time in every ID token.
      require_auth_time: true,
    })),
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    claims: claimsPerScope(surface, controls),
    scopes: surface.scopes.map((scope) => scope.name),
    conformIdTokenClaims: false,
    cookies: {
      keys: keys.cookieKeys,
      names: {
        session: `${prefix}session`,
        interaction: `${prefix}interaction`,
        resume: `${prefix}interaction_resume`,
      },
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: Boolean(surface.routes.revocation) },
      introspection: { enabled: Boolean(surface.routes.introspection) },
      rpInitiatedLogout: {
        enabled: Boolean(surface.routes.end_session),
        async logoutSource(ctx: KoaContextWithOIDC) {
          const state = (ctx.oidc.session?.state ?? {}) as { secret?: string };
          const page = surface.pages.logout({
            action: ctx.oidc.urlFor("end_session_confirm"),
            xsrf: state.secret ?? "",
            applicationName: ctx.oidc.client?.clientName,
            params: stringParams(ctx.oidc.params ?? {}, LOGOUT_FIELDS),
          });
          if (typeof page !== "string") return ctx.redirect(page.redirect);
          ctx.type = "html";
          ctx.body = page;
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.type = "html";
          ctx.body = surface.pages.logoutSuccess({ applicationName: ctx.oidc.client?.clientName });
        },
      },
    },
    async findAccount(_ctx, sub) {
      if (surface.findAccount) {
        const account = surface.findAccount(sub);
        if (!account) return undefined;
        return {
          accountId: sub,
          claims: (use: string) => withExtraClaims(account.claims(use), controls, sub),
        };
      }
      const user = users.find((candidate) => surface.subject(candidate) === sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: (use: string) => withExtraClaims(surface.claims(user, use), controls, sub),
      };
    },
    interactions: {
      async url(ctx, interaction) {
        const info = {
          uid: interaction.uid,
          params: interaction.params,
          clientName: ctx.oidc.client?.clientName,
          expiresAt: interaction.exp,
        };
        if (interaction.prompt.name === "login") {
          const emulator = {
            issuer,
            origin,
            signingKeys: keys.signingKeys as Record<string, unknown>[],
          };
          const authorizeUrl = authorizeUrlFor(surface, interaction.params);
          return surface.interactions.loginUrl(authorizeUrl, info, emulator);
        }
        return surface.interactions.consentUrl?.(info) ?? surface.interactions.consentPath ?? "/";
      },
    },
    issueRefreshToken: async (_ctx, registered) =>
      surface.refreshTokens && registered.grantTypeAllowed("refresh_token"),
    jwks: { keys: keys.signingKeys as NonNullable<Configuration["jwks"]>["keys"] },
    // Only the grant approved in this very interaction counts, so consent is asked every time.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    pkce: { required: () => surface.pkceRequired },
    async renderError(ctx, out) {
      writeErrorPage(ctx, surface, out);
    },
    responseTypes: ["code"],
    // Left out when the vendor rotates like oidc-provider, so its default rule applies.
    ...(surface.refresh?.rotate === undefined
      ? {}
      : { rotateRefreshToken: surface.refresh.rotate }),
    routes: definedRoutes(surface),
    ttl: lifetimes(deps),
  };
}

export function buildProvider(deps: ProviderDeps): Provider {
  const base = buildConfiguration(deps);
  const configuration = deps.surface.configure ? deps.surface.configure(base) : base;
  const provider = new Provider(deps.issuer, configuration);
  const hidden = new Set(unscopedExtraClaims(deps.surface, deps.controls));
  provider.use(applyResponseShaping(deps.surface, deps.issuer, deps.keys, hidden));
  provider.use(applyRefreshPolicy(deps.surface.refresh, deps.store));
  provider.on("server_error", (_ctx: unknown, error: Error) => {
    console.error(`[${deps.surface.id}] oidc-provider server_error: ${error.message}`);
  });
  return provider;
}
