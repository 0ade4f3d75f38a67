/**
 * Django OAuth Toolkit (DOT) as an OpenID Connect provider.
 *
 * Setup: register a confidential application with the authorization-code grant, algorithm RS256 and
 * the redirect URI `{AUTH_URL}/api/auth/callback/django`; add `{AUTH_URL}/` as a post-logout redirect.
 * Notes: DOT answers under `/o/` with trailing slashes; its issuer is `{origin}/o` without one.
 */
import { fetchDiscovery, fetchUserinfo } from "@idp-gallery/api-client";
import type { GalleryAuthOptions, ServerTokens } from "@idp-gallery/session/authjs";
import { env } from "./env.ts";

export const idp = {
  id: "django-oidc",
  name: "Django OAuth Toolkit",
  provider: {
    id: "django",
    name: "Django OAuth Toolkit",
    type: "oidc",
    issuer: env.AUTH_DJANGO_ISSUER,
    clientId: env.AUTH_DJANGO_ID,
    clientSecret: env.AUTH_DJANGO_SECRET,
    authorization: { params: { scope: "openid profile email" } },
  },
} satisfies Pick<GalleryAuthOptions, "provider"> & { id: GalleryAuthOptions["idp"]; name: string };

/** The IdP-specific part of `/protected`: DOT's userinfo response, fetched with the user's access token. */
export async function loadIdpExtras(tokens: ServerTokens) {
  if (!tokens.accessToken) throw new Error("The session holds no access token.");
  const discovery = await fetchDiscovery({ issuer: env.AUTH_DJANGO_ISSUER });
  if (!discovery.userinfo_endpoint) throw new Error("Discovery lists no userinfo endpoint.");
  const userinfo = await fetchUserinfo({
    userinfoEndpoint: discovery.userinfo_endpoint,
    accessToken: tokens.accessToken,
  });
  return { title: "Userinfo (GET /o/userinfo/)", data: userinfo };
}
