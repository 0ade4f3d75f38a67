import { decodeJwt } from "jose";

/** An authentication request from the IdP's authorize step: where to answer, and what to answer with. */
export interface AuthenticateLink {
  /** The signed request, passed back to the IdP unchanged (the IdP verifies it; this page does not). */
  request: string;
  /** The application's issuer, whose `/bi-authenticate/*` endpoints complete the request. */
  issuer: string;
}

/** `{invoke_url}/bi-authenticate?request=<JWT>`, as the authorize endpoint redirects; null otherwise. */
export function parseAuthenticateLink(input: string): AuthenticateLink | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (!url.pathname.endsWith("/bi-authenticate")) return null;
  const request = url.searchParams.get("request");
  if (!request) return null;
  try {
    const { iss } = decodeJwt(request);
    if (typeof iss !== "string") return null;
    const issuer = new URL(iss);
    if (issuer.protocol !== "http:" && issuer.protocol !== "https:") return null;
    return { request, issuer: issuer.href.replace(/\/$/, "") };
  } catch {
    return null;
  }
}
