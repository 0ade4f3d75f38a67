import type { HttpResponse } from "../cookie-jar.ts";

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
}

/**
 * What the HTTP-level bench needs to know about one IdP: how to answer its own pages (login, consent)
 * without a browser, and which client the app uses. Everything else in the flow is generic.
 */
export interface HttpIdpAdapter {
  /** The e2e target's `idp`. */
  idp: string;
  /** The form to submit on an IdP page the flow stopped at, or undefined for a page it does not know. */
  nextStep(page: HttpResponse, user: Credentials): FormRequest | undefined;
  /** The app's OIDC client, from the app's env and its origin. */
  client(appEnv: Record<string, string>, appUrl: string): OidcClient;
}
