import * as oauth from "oauth4webapi";
import { createHttpSession, type HttpSession } from "./cookie-jar.ts";
import type {
  BareClient,
  Credentials,
  HandOff,
  HttpIdpAdapter,
  OidcClient,
} from "./http-adapters/index.ts";
import { driveFlow, hopLabeler, type SignInSample } from "./http-sign-in.ts";

export interface BareSignInOptions {
  bare: BareClient;
  adapter: HttpIdpAdapter;
  user: Credentials;
  /** The IdP's origin, for labelling hops. */
  idpOrigin: string;
  /** The target's fetch (trusts an https IdP's development CA); the global fetch by default. */
  fetch?: typeof fetch;
}

/**
 * The floor: the same IdP driven by a bare client, one complete uncached sign-in. For an OIDC IdP,
 * oauth4webapi (what Auth.js uses); otherwise the adapter's own client of the IdP's protocol.
 */
export async function bareSignIn(
  options: BareSignInOptions,
): Promise<SignInSample & { sub: string }> {
  const { bare, adapter, user } = options;
  const fetcher = options.fetch ?? fetch;
  const idpOrigin =
    bare.kind === "oidc" ? new URL(bare.client.issuer).origin : new URL(options.idpOrigin).origin;
  const session = createHttpSession(hopLabeler({ [idpOrigin]: "idp" }), fetcher);
  const started = performance.now();
  const { sub } =
    bare.kind === "oidc"
      ? await oidcSignIn(bare.client, session, adapter, user, fetcher, bare.handOff)
      : await bare.signIn({
          session,
          user,
          drive: (startUrl, stop) => driveFlow(session, startUrl, adapter, user, stop),
        });
  return { ms: performance.now() - started, hops: session.hops, sub };
}

/**
 * oauth4webapi against the IdP: discovery, authorize with PKCE + state + nonce (the IdP's login and
 * consent through the adapter, or the page the IdP hands the sign-in to, done by `handOff`), the token
 * request, and the ID token validated against the JWKS.
 */
async function oidcSignIn(
  oidc: OidcClient,
  session: HttpSession,
  adapter: HttpIdpAdapter,
  user: Credentials,
  fetcher: typeof fetch,
  handOff?: HandOff,
): Promise<{ sub: string }> {
  const issuer = new URL(oidc.issuer);
  const http = {
    [oauth.customFetch]: timedFetch(session, fetcher),
    // The emulators serve plain HTTP on loopback (all but WSO2's, which is https).
    [oauth.allowInsecureRequests]: issuer.protocol === "http:",
  };

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
  const query = new URLSearchParams({
    client_id: oidc.clientId,
    redirect_uri: oidc.redirectUri,
    response_type: "code",
    scope: oidc.scope,
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  for (const [name, value] of oidc.authorizationParams ?? []) query.append(name, value);
  authorize.search = query.toString();

  const atCallback = (location: string) => location.startsWith(`${oidc.redirectUri}?`);
  let callback = await driveFlow(
    session,
    authorize.href,
    adapter,
    user,
    (location) => atCallback(location) || handOff?.matches(location) === true,
  );
  if (handOff && !atCallback(callback)) {
    callback = await handOff.complete(callback, session, user);
    if (!atCallback(callback))
      throw new Error(`The hand-off sent the client to ${callback}, not the redirect_uri`);
  }
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
  return { sub: claims.sub };
}

// Back-channel calls (discovery, token, JWKS) are timed like the front-channel hops.
function timedFetch(session: HttpSession, fetcher: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? "GET";
    const started = performance.now();
    const response = await fetcher(input, init);
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
