import type { SeededUser } from "@idp-gallery/e2e";
import type { HttpResponse, HttpSession } from "../cookie-jar.ts";
import type { PasskeyDevice } from "../passkey-device.ts";

export interface Credentials {
  username: string;
  password: string;
  /** For a passkey IdP: the passkeys the user enrolled on their device (the adapter's `prepareUser`). */
  passkeys?: PasskeyDevice;
}

/** A form to send next: what a person's click on the IdP's page would send. */
export interface FormRequest {
  method: "GET" | "POST";
  url: string;
  body: URLSearchParams;
}

/**
 * A page whose work its script does, with no form to submit (Beyond Identity's `/bi-authenticate`: a
 * passkey ceremony): `run` makes the script's requests and resolves to the URL it sends the browser to.
 */
export interface ScriptStep {
  kind: "script";
  run(session: HttpSession): Promise<string>;
}

/**
 * An IdP whose authorize step hands the sign-in to a page of the app (Beyond Identity's
 * `/bi-authenticate?request=…`): a bare client, having no app, does that page's work itself.
 */
export interface HandOff {
  /** For the report: what the bare client does in place of the page. */
  describe: string;
  /** Whether a redirect is the hand-off: the bare client stops there instead of following it. */
  matches(location: string): boolean;
  /** Does the page's work over HTTP; resolves to where it sends the browser (the redirect_uri). */
  complete(location: string, session: HttpSession, user: Credentials): Promise<string>;
}

/** What `prepareUser` gets: the seeded user and the target. */
export interface PrepareUserContext {
  /**
   * `"app"`: through the app's own pages and API, as a person using the app would (for the app's
   * sign-ins); `"idp"`: straight at the IdP, as the app's back end would (for the bare client).
   */
  via: "app" | "idp";
  user: SeededUser;
  appUrl: string;
  appEnv: Record<string, string>;
  idpOrigin: string;
  /** The target's fetch. */
  fetch: typeof fetch;
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
  | {
      kind: "oidc";
      client: OidcClient;
      /** For an IdP that hands the sign-in to the app's page: that page's work, done without the app. */
      handOff?: HandOff;
    }
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
  /**
   * The form to submit on an IdP page the flow stopped at (or, on a page whose script does the work,
   * that script's requests), or undefined for a page it does not know.
   */
  nextStep(page: HttpResponse, user: Credentials): FormRequest | ScriptStep | undefined;
  /** The bare baseline for this app, from the app's env and its origin. */
  bareClient(appEnv: Record<string, string>, appUrl: string): BareClient;
  /**
   * What a person does once before signing in, when the IdP needs more than a password (a passkey
   * IdP: enrol a passkey on their device). The bench calls it after each reset of the emulator and
   * outside every timing; it resolves to the credentials the sign-ins use. Without it, the seeded
   * user signs in as seeded.
   */
  prepareUser?(context: PrepareUserContext): Promise<Credentials>;
}

/** An env variable of the app the adapter cannot do without. */
export function requiredEnv(env: Record<string, string>, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`The target's app env has no ${name}`);
  return value;
}
