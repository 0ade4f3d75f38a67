import type { HttpResponse, HttpSession } from "../cookie-jar.ts";

export interface Credentials {
  username: string;
  password: string;
}

/** A form to send next: what a person's click on the IdP's page would send. */
export interface FormRequest {
  method: "GET" | "POST";
  url: string;
  body: URLSearchParams;
}

/** The OIDC client an app is registered as, read from the env the e2e target gives the app. */
export interface OidcClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Where the app receives the authorization response (its Auth.js callback route). */
  redirectUri: string;
  /**
   * More authorization request parameters the app sends (e.g. Logto's SDK: `prompt`, `resource`), so
   * the IdP does the same work for the bare client as for the app. Repeats allowed.
   */
  authorizationParams?: Array<[string, string]>;
}

/** What a protocol-level bare flow gets from the bench: a timed session and the generic flow driver. */
export interface BareFlowTools {
  /** A cookie jar whose requests are timed into the sample's hops (labelled "idp …"). */
  session: HttpSession;
  user: Credentials;
  /**
   * Follows redirects from `startUrl` and answers the IdP's pages through the adapter's `nextStep`,
   * until a redirect `stop` accepts; returns that URL without requesting it.
   */
  drive(startUrl: string, stop: (location: string) => boolean): Promise<string>;
}

/**
 * The bare baseline an app's sign-in is compared with: the same IdP driven by a bare protocol client.
 * For an OIDC IdP, oauth4webapi with the app's client (`kind: "oidc"`); for an IdP that is not OIDC,
 * the adapter's own minimal client of that IdP's protocol (`kind: "protocol"`), which `describe`s.
 */
export type BareClient =
  | { kind: "oidc"; client: OidcClient }
  | {
      kind: "protocol";
      /** One line for the report: which requests the bare flow makes. */
      describe: string;
      /** One complete sign-in; resolves to the signed-in user's subject at the IdP. */
      signIn(tools: BareFlowTools): Promise<{ sub: string }>;
    };

/**
 * What the HTTP-level bench needs to know about one IdP: how to answer its own pages (login, consent)
 * without a browser, and how a bare client signs in. Everything else in the flow is generic.
 */
export interface HttpIdpAdapter {
  /** The e2e target's `idp`. */
  idp: string;
  /** The form to submit on an IdP page the flow stopped at, or undefined for a page it does not know. */
  nextStep(page: HttpResponse, user: Credentials): FormRequest | undefined;
  /** The bare baseline for this app, from the app's env and its origin. */
  bareClient(appEnv: Record<string, string>, appUrl: string): BareClient;
}

/** An env variable of the app the adapter cannot do without. */
export function requiredEnv(env: Record<string, string>, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`The target's app env has no ${name}`);
  return value;
}
