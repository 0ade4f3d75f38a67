import { readForm, sendJson } from "../core/http-utils.ts";
import type { ExtraRoute, ScopeDefinition, Surface } from "../core/types.ts";
import { managementRoutes } from "./beyond-identity-management.ts";
import { beyondIdentityPages } from "./beyond-identity-pages.ts";
import { passkeyRoutes } from "./beyond-identity-passkeys.ts";
import { BeyondIdentityStore, type Identity, identityIdFor } from "./beyond-identity-store.ts";
import {
  APPLICATION_PATH,
  invocationType,
  invokeUrlFor,
  pkceMode,
} from "./beyond-identity-tenant.ts";
import { signRequestJwt } from "./beyond-identity-tokens.ts";

/**
 * Beyond Identity (Secure Access / Secure Customer, Embedded SDK): one OIDC application on
 * oidc-provider, issuer `/v1/tenants/{t}/realms/{r}/applications/{a}`, whose sign-in is handed to the
 * app's own `/bi-authenticate` page (Invocation Type Automatic), where the user picks a passkey. The
 * passkey ceremonies use the emulator's local passkey protocol (beyond-identity-passkeys.ts); identities
 * and binding jobs come from the Management API (beyond-identity-management.ts).
 */

const TOKEN_PATH = `${APPLICATION_PATH}/token`;

// Auth.js's BeyondIdentity provider reads sub, name, preferred_username and email from the ID token;
// which claims a real tenant puts there is not documented, so the emulator releases them with openid.
const SCOPES: ScopeDefinition[] = [
  {
    name: "openid",
    description: "Sign you in",
    claims: ["sub", "name", "preferred_username", "email"],
  },
];

function identityClaims(identity: Identity): Record<string, unknown> {
  const { username, primary_email_address } = identity.traits;
  return {
    name: identity.display_name,
    preferred_username: username,
    ...(primary_email_address ? { email: primary_email_address } : {}),
  };
}

// With BI_EMULATOR_PKCE=disabled the app has no PKCE: a code_verifier sent anyway is ignored.
const tokenRoute: ExtraRoute = {
  method: "POST",
  path: TOKEN_PATH,
  async handle(req, _res, ctx) {
    if (pkceMode() !== "disabled") return ctx.forward(req.url ?? TOKEN_PATH);
    const form = await readForm(req);
    form.delete("code_verifier");
    return ctx.forward(req.url ?? TOKEN_PATH, { form: Object.fromEntries(form) });
  },
};

/** A Beyond Identity tenant with its own identities, passkeys and jobs (one per emulator). */
export function createBeyondIdentity(): Surface {
  const store = new BeyondIdentityStore();
  const passkeys = passkeyRoutes(store, { knownScopes: SCOPES.map((scope) => scope.name) });

  const denyNext: ExtraRoute = {
    method: "POST",
    path: "/__emulator/deny-next",
    handle(_req, res) {
      sendJson(res, 200, { ok: true, pendingDenials: store.denyNext() });
    },
  };

  return {
    id: "beyond-identity",
    displayName: "Beyond Identity",
    mountPath: APPLICATION_PATH,
    routes: {
      authorization: "/authorize",
      token: "/token",
      userinfo: "/userinfo",
      jwks: "/.well-known/jwks.json",
      revocation: "/revoke",
    },
    signing: { alg: "RS256", kid: "random" },
    scopes: SCOPES,
    // How the fixture users are seeded as identities; accounts are looked up with findAccount.
    subject: (user) => identityIdFor(user.username),
    claims: (user) => ({ name: user.name, preferred_username: user.username, email: user.email }),
    findAccount(sub) {
      const identity = store.findIdentity(sub);
      return identity && { claims: () => identityClaims(identity) };
    },
    get pkceRequired() {
      return pkceMode() === "required";
    },
    // The fixture app has "Enable Refresh Tokens" on with Rotate left at its default, disabled: the
    // same refresh token comes back until its Absolute Duration (set to 86400 s) ends or it is
    // revoked (developer-docs session-management-console.mdx, enable-refresh-tokens.md).
    refreshTokens: true,
    refresh: { rotate: false },
    authorizationResponseIss: false,
    ttl: { accessToken: 86400, idToken: 3600, authorizationCode: 300, refreshToken: 86400 },
    cookiePrefix: "bi_",
    interactions: {
      // Invocation Type Automatic: the sign-in goes to the app's Invoke URL with a signed request.
      async loginUrl(_authorizeUrl, interaction, emulator) {
        const request = await signRequestJwt(emulator, {
          uid: interaction.uid,
          expiresAt: interaction.expiresAt ?? Math.floor(Date.now() / 1000) + 3600,
          params: interaction.params,
        });
        const invokeUrl = invokeUrlFor(String(interaction.params.redirect_uri ?? ""));
        return `${invokeUrl}/bi-authenticate?${new URLSearchParams({ request })}`;
      },
    },
    pages: beyondIdentityPages,
    // The fields developer-docs imply (idp-surfaces.md §2.1); no end_session_endpoint, no RFC 9207.
    discovery: (doc) => ({
      issuer: doc.issuer,
      authorization_endpoint: doc.authorization_endpoint,
      token_endpoint: doc.token_endpoint,
      userinfo_endpoint: doc.userinfo_endpoint,
      jwks_uri: doc.jwks_uri,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code", "client_credentials", "refresh_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      code_challenge_methods_supported: ["S256"],
      scopes_supported: ["openid"],
    }),
    // The sign-in hand-off: a 302 (oidc-provider answers 303), or JSON with Invocation Type Manual.
    shapeRedirect(location, { route }) {
      const handOff =
        route === "authorization" &&
        location.pathname === "/bi-authenticate" &&
        location.searchParams.has("request");
      if (!handOff) return location;
      if (invocationType() === "manual") {
        return { status: 200, json: { authenticate_url: location.href } };
      }
      return { status: 302, location };
    },
    // The passkey routes first: the catch-all of the Management API's identities paths comes last.
    extraRoutes: [tokenRoute, ...passkeys.routes, ...managementRoutes(store)],
    controlRoutes: [denyNext],
    reset() {
      store.reset();
      passkeys.reset();
    },
  };
}

/** The registry's Beyond Identity tenant. */
export const beyondIdentity: Surface = createBeyondIdentity();
