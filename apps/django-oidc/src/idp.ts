/**
 * Django OAuth Toolkit (DOT) as an OpenID Connect provider.
 *
 * Setup: register a confidential application with the authorization-code grant, algorithm RS256 and
 * the redirect URI `{AUTH_URL}/api/auth/callback/django`; add `{AUTH_URL}/` as a post-logout redirect.
 * Notes: DOT answers under `/o/` with trailing slashes; its issuer is `{origin}/o` without one.
 */

import { fetchIssuerUserinfo } from "@idp-gallery/api-client/oidc";
import type { GalleryIdp } from "@idp-gallery/app";
import { createGalleryAuth } from "@idp-gallery/session/authjs";
import { env } from "./env.ts";

const auth = createGalleryAuth({
  idp: "django-oidc",
  idpName: "Django OAuth Toolkit",
  appUrl: env.AUTH_URL,
  secret: env.AUTH_SECRET,
  provider: {
    id: "django",
    name: "Django OAuth Toolkit",
    type: "oidc",
    issuer: env.AUTH_DJANGO_ISSUER,
    clientId: env.AUTH_DJANGO_ID,
    clientSecret: env.AUTH_DJANGO_SECRET,
    authorization: { params: { scope: "openid profile email" } },
  },
});

export const idp = {
  id: "django-oidc",
  name: "Django OAuth Toolkit",
  session: auth,
  extras: () => [
    {
      title: "Userinfo (GET /o/userinfo/)",
      load: async () =>
        fetchIssuerUserinfo({
          issuer: env.AUTH_DJANGO_ISSUER,
          accessToken: await auth.getAccessToken(),
        }),
    },
  ],
} satisfies GalleryIdp;
