import { redirect, unstable_rethrow } from "next/navigation";
import { customFetch } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { type GallerySettings, requireSetting } from "./auth-settings.ts";
import type { AuthStrategy, JwtCallbackInput, SignedIn, StrategyContext } from "./auth-strategy.ts";
import type { GalleryAuthOptions } from "./authjs.ts";
import { cachingDiscovery, withFreshDiscovery } from "./discovery-cache.ts";
import { fetchWithTimeout } from "./fetch-with-timeout.ts";
import { flattenOptions } from "./provider-options.ts";
import { safeRedirectPath } from "./redirect.ts";
import { createSignOutRoute, type LogoutPlan } from "./sign-out.ts";
import { createTokenRefresher } from "./token-refresh.ts";

type OidcProvider = OIDCConfig<Record<string, unknown>>;

/**
 * Sign-in through an Auth.js OIDC provider (wso2, beyond-identity, django-oidc): PKCE + state + nonce,
 * every IdP call under the gallery's timeout, and RP-initiated logout where the IdP supports it.
 */
export function createOidcStrategy(
  provider: OidcProvider,
  options: Pick<GalleryAuthOptions, "logout">,
  settings: GallerySettings,
): AuthStrategy {
  const oidc = flattenOptions(provider);
  // A provider's own customFetch (e.g. one trusting the IdP's CA) runs under the timeout; discovery
  // fetched at sign-in is reused by the callback and sign-out.
  const idpFetch = cachingDiscovery(fetchWithTimeout(settings.idpTimeoutMs, oidc[customFetch]));
  // Sign-out needs both, so a misconfigured app fails at startup rather than at sign-out.
  const issuer = requireSetting(oidc.issuer, "the provider's issuer");
  const clientId = requireSetting(oidc.clientId, "the provider's clientId");
  const withGalleryDefaults = {
    checks: ["pkce", "state", "nonce"],
    ...oidc,
    [customFetch]: idpFetch,
  } as OidcProvider;

  return {
    kind: "oidc",
    provider: withGalleryDefaults,
    tokenAtSignIn: oidcSessionToken,
    refresh: createTokenRefresher({
      issuer,
      clientId,
      clientSecret: oidc.clientSecret,
      authMethod: oidc.client?.token_endpoint_auth_method,
      fetch: idpFetch,
    }),
    routes: (context) => ({
      signInRoute: createOidcSignInRoute(settings, (redirectTo) =>
        context.nextAuth.signIn(withGalleryDefaults.id, { redirectTo }),
      ),
      signOutRoute: createOidcSignOutRoute(context, settings, options.logout, {
        issuer,
        clientId,
        idpFetch,
      }),
      completeSignInRoute: noAppSideReturnRoute,
    }),
  };
}

/** The session right after an OIDC sign-in: the profile's claims and the IdP's tokens. */
function oidcSessionToken({ token, account, profile }: JwtCallbackInput): SignedIn | undefined {
  if (!account || !profile) return undefined;
  return {
    sub: typeof profile.sub === "string" ? profile.sub : token.sub,
    claims: profile as Record<string, unknown>,
    // The absolute lifetime and revocations count from here.
    signedInAt: Date.now(),
    tokens: {
      accessToken: account.access_token,
      idToken: account.id_token,
      refreshToken: account.refresh_token,
      accessTokenExpiresAt: account.expires_at,
      accessTokenLifetimeSeconds: account.expires_in,
    },
  };
}

/** GET `/auth/sign-in?callbackUrl=…`: validates the target and goes straight to the IdP. */
function createOidcSignInRoute(
  settings: GallerySettings,
  signIn: (redirectTo: string) => Promise<unknown>,
) {
  const { appUrl, idpName, paths } = settings;
  return async function signInRoute(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const error = params.get("error");
    if (error) redirect(`${paths.error}?${new URLSearchParams({ error })}`);
    const redirectTo = safeRedirectPath(params.get("callbackUrl"), appUrl, paths.home);
    try {
      await withFreshDiscovery(() => signIn(redirectTo));
    } catch (cause) {
      unstable_rethrow(cause);
      console.error(`[auth] could not start sign-in with ${idpName}:`, cause);
      redirect(`${paths.error}?error=IdpUnavailable`);
    }
    return new Response(null, { status: 204 });
  };
}

/** What RP-initiated logout needs to know about the IdP. */
interface OidcIdp {
  issuer: string;
  clientId: string;
  idpFetch: typeof fetch;
}

/** POST `/auth/sign-out`: the app session, then RP-initiated logout at the IdP (sign-out.ts). */
function createOidcSignOutRoute(
  context: StrategyContext,
  settings: GallerySettings,
  logout: LogoutPlan | undefined,
  idp: OidcIdp,
) {
  return createSignOutRoute({
    appUrl: settings.appUrl,
    homePath: settings.paths.home,
    issuer: idp.issuer,
    clientId: idp.clientId,
    logout: logout ?? "rp-initiated-if-supported",
    // Fresh, so a down IdP is noticed here rather than in the browser after the redirect.
    fetch: (input, init) => withFreshDiscovery(() => idp.idpFetch(input, init)),
    getIdToken: async () => (await context.getServerTokens())?.idToken,
    clearSession: context.clearSession,
  });
}

// Auth.js's own callback completes an OIDC sign-in; only Credentials sign-ins come back to the app.
async function noAppSideReturnRoute(): Promise<Response> {
  return Response.json({ error: "not a credentials sign-in" }, { status: 404 });
}
