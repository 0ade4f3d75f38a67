/**
 * A django-sso gateway (PyPI `django-sso`) through an Auth.js Credentials provider; it is not OIDC.
 *
 * Setup: in the gateway admin (Single sign-on → Subordinated services) add a service with
 * base_url = AUTH_URL, enabled, and put its token in AUTH_DJANGO_SSO_TOKEN (server only).
 * Flow: the app obtains a request token, the gateway signs the user in and sends them to
 * `/sso/accept/`, where the app confirms the request over the back channel (get, then make_used).
 * Logout is global: the gateway tells every other service through its `/sso/event/`.
 */

import {
  DjangoSsoRefusedError,
  type DjangoSsoUser,
  deauthenticateUser,
  fetchGatewayUser,
  gatewayLoginUrl,
  getAuthenticationRequest,
  markRequestUsed,
  obtainRequestToken,
  parseDjangoSsoEvent,
} from "@idp-gallery/api-client/django-sso";
import type { GalleryIdp } from "@idp-gallery/app";
import {
  type CredentialsUser,
  createBackChannelRoute,
  createGalleryAuth,
  SignInDenied,
  SignInRefused,
} from "@idp-gallery/session/authjs";
import Credentials from "next-auth/providers/credentials";
import { env } from "./env.ts";

const gateway = {
  gatewayUrl: env.AUTH_DJANGO_SSO_ROOT,
  serviceToken: env.AUTH_DJANGO_SSO_TOKEN,
  timeoutMs: 5000,
};

/** Confirms a request the gateway sent this browser back with, once, and returns its user. */
async function confirmSignIn(requestToken: string): Promise<CredentialsUser> {
  const refused = (error: unknown) => {
    if (error instanceof DjangoSsoRefusedError) throw new SignInRefused(error.message);
    throw error;
  };
  const request = await getAuthenticationRequest({ ...gateway, requestToken }).catch(refused);
  // Used up before a session exists, so the same request can never sign anyone in twice; the user's
  // record is read meanwhile (one round trip less), and no session starts unless both succeeded.
  const [, user] = await Promise.all([
    markRequestUsed({ ...gateway, requestToken }).catch(refused),
    fetchGatewayUser({ ...gateway, username: request.userIdenty }),
  ]);
  if (!user.is_active) throw new SignInDenied(`${user.username} is inactive at the gateway`);
  return toCredentialsUser(user);
}

function toCredentialsUser(user: DjangoSsoUser): CredentialsUser {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return {
    id: String(user.id),
    name: name || user.username,
    email: user.email,
    subject: user.username,
    claims: user,
  };
}

export const auth = createGalleryAuth({
  idp: "django-sso",
  idpName: "Django SSO",
  appUrl: env.AUTH_URL,
  secret: env.AUTH_SECRET,
  provider: Credentials({
    id: "django-sso",
    name: "Django SSO",
    // The session package passes the request token this browser was bound to, never the form body.
    authorize: ({ state }) => confirmSignIn(String(state)),
  }),
  // A Credentials provider: the app starts sign-in and logs out at the gateway itself.
  async signInStart({ redirectTo }) {
    const token = await obtainRequestToken({ ...gateway, nextUrl: redirectTo });
    return { location: gatewayLoginUrl(gateway.gatewayUrl, token), state: token };
  },
  idpLogout: ({ subject }) => deauthenticateUser({ ...gateway, userIdenty: subject }),
  revocation: { redisUrl: env.REDIS_URL, dataDir: env.AUTH_DATA_DIR },
  // The gateway sends browsers to /sso/accept/ and events to /sso/event/, without a session.
  publicPaths: ["/sso/"],
});

/** The gateway's user record now, from its resource API. */
async function gatewayUser() {
  const subject = (await auth.getServerTokens())?.subject;
  if (!subject) throw new Error("The session names no gateway user.");
  return fetchGatewayUser({ ...gateway, username: subject });
}

export const idp = {
  id: "django-sso",
  name: "Django SSO",
  session: auth,
  extras: (claims) => [
    { title: `Gateway user (GET /users/${String(claims.username)}/)`, load: gatewayUser },
  ],
  claimsCaption: "The gateway user Django SSO confirmed at sign-in",
} satisfies GalleryIdp;

/**
 * POST `/sso/event/`: the gateway's events, refused without this service's token. Logout,
 * deletion, deactivation and renaming end the user's sessions here on their next request.
 */
export function gatewayEventRoute() {
  return createBackChannelRoute({
    name: "django-sso events",
    secret: env.AUTH_DJANGO_SSO_TOKEN,
    presentedSecret: (body) => body.token,
    parse: parseDjangoSsoEvent,
    async handle(event) {
      const revocations = auth.revocations;
      if (!revocations) throw new Error("no revocation store is configured");
      switch (event.type) {
        case "deauthenticate":
        case "delete_user":
          return revocations.revoke(event.user_identy);
        case "update_account":
          if (event.fields.is_active === false) await revocations.revoke(event.fields.user_identy);
          return;
        case "change_user_identy":
          return revocations.revoke(event.old);
        case "update_fields":
          // The app keeps no copy of the gateway's fields; it reads them at sign-in.
          return;
      }
    },
  });
}
