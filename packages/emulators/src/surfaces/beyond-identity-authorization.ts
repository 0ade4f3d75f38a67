import type Provider from "oidc-provider";
import type { ClaimsParameter, Interaction } from "oidc-provider";
import type { PkceMode } from "./beyond-identity-tenant.ts";

/**
 * Ends a sign-in the way oidc-provider's own authorization endpoint would after a login: a Grant of
 * the requested OpenID scopes and an AuthorizationCode bound to the request's redirect_uri, nonce and
 * PKCE challenge, saved through oidc-provider's models so its /token endpoint redeems the code unchanged.
 */

function stringParam(params: Record<string, unknown>, key: string): string | undefined {
  const value = params[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The ID token claims oidc-provider's authorization endpoint would have asked for (assignClaims):
 * `auth_time` when the client requires it or `max_age` was sent. The `claims` parameter is off, as in
 * every emulator, and no `acr` is ever set.
 */
function idTokenClaims(
  params: Record<string, unknown>,
  requireAuthTime: boolean,
): ClaimsParameter | undefined {
  const idToken: NonNullable<ClaimsParameter["id_token"]> = {};
  if (requireAuthTime || params.max_age !== undefined) idToken.auth_time = { essential: true };
  return Object.keys(idToken).length ? { id_token: idToken } : undefined;
}

export interface CodeRequest {
  provider: Provider;
  interaction: Interaction;
  /** The identity that authenticated. */
  accountId: string;
  /** OpenID scopes the provider knows (others in `scope` are ignored, as oidc-provider does). */
  knownScopes: readonly string[];
  pkce: PkceMode;
}

export async function issueAuthorizationCode(request: CodeRequest): Promise<string> {
  const { provider, interaction, accountId } = request;
  const params = interaction.params;
  const client = await provider.Client.find(String(params.client_id));
  if (!client) throw new Error(`the interaction's client ${String(params.client_id)} is unknown`);

  const known = new Set(request.knownScopes);
  const requested = (stringParam(params, "scope") ?? "").split(" ");
  const scope = [...new Set(requested.filter((name) => known.has(name)))].join(" ");
  const claims = idTokenClaims(params, client.requireAuthTime === true);

  const grant = new provider.Grant({ accountId, clientId: client.clientId });
  grant.addOIDCScope(scope);
  const grantId = await grant.save();

  const codeChallenge =
    request.pkce === "disabled" ? undefined : stringParam(params, "code_challenge");
  const code = new provider.AuthorizationCode({
    accountId,
    client,
    grantId,
    gty: "authorization_code",
    scope,
    authTime: Math.floor(Date.now() / 1000),
    redirectUri: stringParam(params, "redirect_uri"),
    nonce: stringParam(params, "nonce"),
    ...(codeChallenge
      ? {
          codeChallenge,
          codeChallengeMethod: stringParam(params, "code_challenge_method") ?? "S256",
        }
      : {}),
    ...(claims ? { claims } : {}),
  });
  return code.save();
}

/** The client's redirect_uri with the given response parameters (and the request's state). */
export function callbackUrl(interaction: Interaction, response: Record<string, string>): string {
  const params = interaction.params;
  const url = new URL(String(params.redirect_uri));
  for (const [key, value] of Object.entries(response)) url.searchParams.set(key, value);
  const state = stringParam(params, "state");
  if (state) url.searchParams.set("state", state);
  return url.href;
}
