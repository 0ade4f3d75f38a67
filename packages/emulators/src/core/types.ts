import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { Configuration } from "oidc-provider";
import type { FixtureUser } from "../fixtures.ts";

/** oidc-provider route names a surface may rename (paths are relative to the mount path). */
export interface SurfaceRoutes {
  authorization: string;
  token: string;
  userinfo: string;
  jwks: string;
  /** RP-initiated logout; omitted when the vendor has none (then oidc-provider's is disabled too). */
  end_session?: string;
  revocation?: string;
  introspection?: string;
}

export interface ScopeDefinition {
  name: string;
  /** Shown on the consent page. */
  description: string;
  /** Claims this scope releases (OIDC "claims per scope"). */
  claims: string[];
}

export interface LoginView {
  /** Where the user goes after signing in (Django's `next`). */
  next: string;
  username: string;
  error: boolean;
  csrfToken: string;
}

export interface ConsentView {
  applicationName: string;
  scopes: ScopeDefinition[];
  /** Authorization parameters echoed as hidden fields, in the vendor's order. */
  params: Record<string, string | undefined>;
  csrfToken: string;
}

/** What a vendor's login or consent URL may carry about the pending interaction. */
export interface InteractionInfo {
  /** oidc-provider's interaction id (a vendor's session data key). */
  uid: string;
  params: Record<string, unknown>;
  clientName: string | undefined;
  /** When the interaction expires (epoch seconds). */
  expiresAt?: number;
}

/** The emulator a surface's hook runs in. */
export interface EmulatorContext {
  issuer: string;
  origin: string;
  /** The emulator's signing keys (private JWKs), for tokens a surface mints itself. */
  signingKeys: Record<string, unknown>[];
}

export interface LogoutView {
  /** oidc-provider's confirm endpoint. */
  action: string;
  /** oidc-provider's anti-CSRF secret for the confirm endpoint. */
  xsrf: string;
  applicationName: string | undefined;
  params: Record<string, string | undefined>;
}

export interface ErrorView {
  status: number;
  error: string;
  description: string;
  /** oidc-provider route that failed, or "emulator" for the emulator's own pages. */
  route: string;
}

export interface SurfacePages {
  login(view: LoginView): string;
  consent(view: ConsentView): string;
  /** The logout confirmation page, or a redirect to the vendor's own confirmation URL. */
  logout(view: LogoutView): string | { redirect: string };
  logoutSuccess(view: { applicationName: string | undefined }): string;
  error(view: ErrorView): string;
  notFound(path: string): string;
}

export interface DiscoveryContext {
  issuer: string;
  scopes: ScopeDefinition[];
  claims: string[];
}

export interface ForwardOptions {
  method?: "GET" | "POST";
  /** A form body replacing one the route already read (oidc-provider then uses it as parsed). */
  form?: Record<string, string>;
}

export interface ExtraRouteContext extends EmulatorContext {
  surface: Surface;
  provider: Provider;
  /** The access-token lifetime in force (the vendor's, or the token-lifetimes control's). */
  accessTokenSeconds(): number;
  /** The RegExp match when the route's path is a pattern. */
  match: RegExpExecArray | undefined;
  /** Hands the request to oidc-provider as `pathAndQuery` (skipping extra routes). */
  forward(pathAndQuery: string, options?: ForwardOptions): Promise<void>;
  /** Routes the request again as if it had asked for `pathAndQuery` (e.g. without a tenant prefix). */
  reroute(pathAndQuery: string): Promise<void>;
}

export interface ExtraRoute {
  /** "*" matches every method. */
  method: "GET" | "POST" | "*";
  /** Exact pathname on the emulator's origin, or a pattern tested against it. */
  path: string | RegExp;
  handle(req: IncomingMessage, res: ServerResponse, ctx: ExtraRouteContext): void | Promise<void>;
}

/** What a surface may change in a redirect that oidc-provider answers with. */
export interface RedirectContext {
  route: string;
  clientId: string | undefined;
  sessionUid: string | undefined;
}

/** A redirect answered otherwise: another redirect status, or a JSON body instead of `Location`. */
export type RedirectAnswer =
  | { status: 301 | 302 | 303 | 307 | 308; location: URL }
  | { status: number; json: Record<string, unknown> };

/** An account of the vendor's own directory (one that changes at runtime), with its claims. */
export interface SurfaceAccount {
  /** `use` is oidc-provider's "id_token" or "userinfo". */
  claims(use: string): Record<string, unknown>;
}

export interface JsonResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** What the request that a JSON response answers asked for. */
export interface JsonRequest {
  /** The token endpoint's `grant_type`. */
  grantType: string | undefined;
}

/** How a vendor's refresh_token grant treats the tokens it replaces. */
export interface RefreshPolicy {
  /**
   * true: a new refresh token on every refresh; false: never; omitted: oidc-provider's rule (at 70 %
   * of its lifetime for confidential clients, always for public ones).
   */
  rotate?: boolean;
  /**
   * The replaced refresh token is deleted, so reusing it is a plain `invalid_grant` and the new one
   * keeps working; otherwise oidc-provider's reuse detection also revokes the whole grant.
   */
  deleteRotated?: boolean;
  /** Access tokens issued earlier in the grant stop working once it is refreshed. */
  revokeEarlierAccessTokens?: boolean;
}

/** Everything that makes one IdP look like itself; the core is generic over this. */
export interface Surface {
  id: string;
  displayName: string;
  /** Where oidc-provider's routes live on the origin, no trailing slash ("/o"; "" for the root). */
  mountPath: string;
  /** Issuer path on the origin when it is not the mount path (WSO2: "/oauth2/token"). */
  issuerPath?: string;
  /** Serve https with a certificate from the project's development CA. */
  tls?: boolean;
  /** Which paths go to oidc-provider; defaults to everything under the mount path. */
  isProviderPath?(path: string): boolean;
  routes: SurfaceRoutes;
  /** `x5t` (WSO2): a self-signed certificate for the key; kid `<x5t>_<alg>`, x5t in the JWT header. */
  signing: { alg: "RS256" | "ES256" | "ES384"; kid: "thumbprint" | "random" | "x5t" };
  scopes: ScopeDefinition[];
  subject(user: FixtureUser): string;
  /** `use` is oidc-provider's "id_token" or "userinfo", for claims a vendor keeps out of ID tokens. */
  claims(user: FixtureUser, use?: string): Record<string, unknown>;
  /**
   * Looks accounts up in the vendor's own directory instead of the fixture users (`subject`/`claims`
   * then only describe how the fixture users are seeded into it).
   */
  findAccount?(sub: string): SurfaceAccount | undefined;
  pkceRequired: boolean;
  refreshTokens: boolean;
  /** The vendor's refresh token rotation; oidc-provider's defaults when omitted. */
  refresh?: RefreshPolicy;
  /** Whether authorization responses carry `iss` (RFC 9207); stripped when false. */
  authorizationResponseIss: boolean;
  ttl: { accessToken: number; idToken: number; authorizationCode: number; refreshToken: number };
  /** Prefix for oidc-provider cookie names, so emulators on one host never share cookies. */
  cookiePrefix: string;
  interactions: {
    /** The core's login page (fixture users' passwords); omitted when sign-in happens elsewhere. */
    loginPath?: string;
    /** The core's consent page; omitted when the vendor never asks for consent. */
    consentPath?: string;
    /**
     * URL of the login page for an interaction (absolute when it is on another origin);
     * `authorizeUrl` is the original request's path + query.
     */
    loginUrl(
      authorizeUrl: string,
      interaction: InteractionInfo,
      emulator: EmulatorContext,
    ): string | Promise<string>;
    /** URL of the consent page; defaults to `consentPath`. */
    consentUrl?(interaction: InteractionInfo): string;
  };
  pages: SurfacePages;
  /** Shapes oidc-provider's discovery document into the vendor's. */
  discovery(doc: Record<string, unknown>, ctx: DiscoveryContext): Record<string, unknown>;
  /** Shapes oidc-provider's JWKS into the vendor's. */
  jwks?(doc: { keys: Record<string, unknown>[] }): Record<string, unknown>;
  /** Extra headers per oidc-provider route name ("discovery", "jwks", ...). */
  responseHeaders?: Record<string, Record<string, string>>;
  /** Serialises JSON bodies byte-compatibly with the vendor (e.g. Python's json.dumps). */
  serializeJson?(value: unknown): string;
  /** Rewrites JSON responses (errors mostly) per route. */
  rewriteJson?(route: string, response: JsonResponse, request: JsonRequest): JsonResponse;
  /**
   * Adds to or changes a redirect oidc-provider answers with (WSO2's `session_state`), or answers it
   * otherwise (another status, or JSON instead).
   */
  shapeRedirect?(location: URL, ctx: RedirectContext): URL | RedirectAnswer;
  /** Maps oidc-provider's HTML error into the vendor's wording and status. */
  describeError?(view: ErrorView): ErrorView;
  extraRoutes?: ExtraRoute[];
  /** Test controls of the vendor's own under `/__emulator/` (loopback only, like the core's). */
  controlRoutes?: ExtraRoute[];
  /** Drops the surface's own state along with the core's (`POST /__emulator/reset`). */
  reset?(): void;
  /** Last word on oidc-provider's configuration (resource indicators, extra params, refresh policy). */
  configure?(config: Configuration): Configuration;
}
