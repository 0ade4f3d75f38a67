import { fetchDiscovery } from "@idp-gallery/api-client/oidc";

/** `rp-initiated-if-supported` ends the IdP session too when discovery has an `end_session_endpoint`. */
export type LogoutPlan = "rp-initiated-if-supported" | "local";

/** Why only the app session ended (or, `everywhere`, that the IdP's logout was global); the home page explains it (`/?signed-out=…`). */
export type LocalSignOutReason = "local" | "no-rp-logout" | "idp-unreachable" | "everywhere";

export interface SignOutRouteOptions {
  appUrl: string;
  homePath: string;
  issuer: string;
  clientId: string;
  logout: LogoutPlan;
  fetch: typeof fetch;
  getIdToken: () => Promise<string | undefined>;
  clearSession: () => Promise<void>;
}

/**
 * POST `/auth/sign-out`: ends the app session first (so it ends even when the IdP is down), then
 * sends the browser to the IdP's end-session endpoint when there is one.
 */
export function createSignOutRoute(options: SignOutRouteOptions) {
  const home = new URL(options.homePath, options.appUrl);
  const localHome = (reason: LocalSignOutReason) => {
    const url = new URL(home);
    url.searchParams.set("signed-out", reason);
    return Response.redirect(url, 303);
  };

  return async function signOutRoute(request: Request): Promise<Response> {
    // Sign-out changes state, so only this app's own pages may trigger it.
    if (request.headers.get("origin") !== options.appUrl) {
      return Response.json({ error: "cross-origin sign-out refused" }, { status: 403 });
    }
    const idToken = await options.getIdToken();
    await options.clearSession();
    if (options.logout === "local") return localHome("local");

    let endSession: string | undefined;
    try {
      const discovery = await fetchDiscovery({ issuer: options.issuer, fetch: options.fetch });
      endSession = discovery.end_session_endpoint;
    } catch (error) {
      console.error("[auth] sign-out: IdP discovery failed; only the app session ended.", error);
      return localHome("idp-unreachable");
    }
    if (!endSession) return localHome("no-rp-logout");

    const url = new URL(endSession);
    if (idToken) url.searchParams.set("id_token_hint", idToken);
    url.searchParams.set("client_id", options.clientId);
    url.searchParams.set("post_logout_redirect_uri", home.href);
    return Response.redirect(url, 303);
  };
}
