import * as oauth from "oauth4webapi";
import { createHttpSession, type HttpSession } from "./cookie-jar.ts";
import type { Credentials, HttpIdpAdapter, OidcClient } from "./http-adapters/index.ts";
import { driveFlow, hopLabeler, type SignInSample } from "./http-sign-in.ts";

export interface BareSignInOptions {
  client: OidcClient;
  adapter: HttpIdpAdapter;
  user: Credentials;
}

/**
 * The floor: a bare OIDC client (oauth4webapi, what Auth.js uses) doing one complete, uncached sign-in
 * against the same IdP: discovery, authorize with PKCE + state + nonce (the IdP's login and consent
 * through the same HTTP adapter), the token request, and the ID token validated against the JWKS.
 */
export async function bareSignIn(
  options: BareSignInOptions,
): Promise<SignInSample & { sub: string }> {
  const { client: oidc, adapter, user } = options;
  const issuer = new URL(oidc.issuer);
  const session = createHttpSession(hopLabeler({ [issuer.origin]: "idp" }));
  const http = {
    [oauth.customFetch]: timedFetch(session),
    // The emulators serve plain HTTP on loopback.
    [oauth.allowInsecureRequests]: true,
  };
  const started = performance.now();

  const as = await oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { ...http, algorithm: "oidc" }),
  );
  const client: oauth.Client = { client_id: oidc.clientId };
  const clientAuth = oauth.ClientSecretBasic(oidc.clientSecret);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  if (!as.authorization_endpoint) throw new Error("Discovery lists no authorization endpoint");
  const authorize = new URL(as.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: oidc.clientId,
    redirect_uri: oidc.redirectUri,
    response_type: "code",
    scope: oidc.scope,
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  }).toString();

  const callback = await driveFlow(session, authorize.href, adapter, user, (location) =>
    location.startsWith(`${oidc.redirectUri}?`),
  );
  const params = oauth.validateAuthResponse(as, client, new URL(callback), state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    clientAuth,
    params,
    oidc.redirectUri,
    verifier,
    http,
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: nonce,
    requireIdToken: true,
  });
  // A fresh JWKS cache per sign-in: the floor includes fetching the keys, as an uncached client would.
  await oauth.validateApplicationLevelSignature(as, response, { ...http, [oauth.jwksCache]: {} });
  const claims = oauth.getValidatedIdTokenClaims(tokens);
  if (!claims?.sub) throw new Error("The ID token has no sub");
  return { ms: performance.now() - started, hops: session.hops, sub: claims.sub };
}

// Back-channel calls (discovery, token, JWKS) are timed like the front-channel hops.
function timedFetch(session: HttpSession): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? "GET";
    const started = performance.now();
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    const label = hopLabeler({ [url.origin]: "idp" })(method, url);
    session.hops.push({ label, status: response.status, ms: performance.now() - started });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
