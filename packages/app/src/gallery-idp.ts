import type { IdpId, SessionBackend } from "@idp-gallery/session";

/** One panel of `/protected` beyond the claims: loaded on the server, shown as JSON or as a notice. */
export interface IdpExtra {
  title: string;
  load(): Promise<unknown>;
}

/** Everything that makes one gallery app differ from the others, in one typed value (`src/idp.ts`). */
export interface GalleryIdp {
  id: IdpId;
  /** The IdP's name, as pages and errors show it. */
  name: string;
  /** The client library's session and routes: Auth.js (`createGalleryAuth`) or Logto's SDK. */
  session: SessionBackend;
  /** What `/protected` shows beyond the claims, given the signed-in user's claims. */
  extras?(claims: Record<string, unknown>): IdpExtra[];
  /** The caption of the claims table; by default the ID token's claims. */
  claimsCaption?: string;
  /** Where new users enrol first, when the IdP has no sign-up of its own (passkeys). */
  signUp?: { href: string; label: string };
}
