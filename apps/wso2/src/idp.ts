/**
 * WSO2 Identity Server (IS 7) as an OpenID Connect provider, with its SCIM2 `/Me` API.
 *
 * Setup: a Traditional Web Application (OIDC) with the authorization-code grant, the callback
 * `{AUTH_URL}/api/auth/callback/wso2is` and `{AUTH_URL}/` as a post-logout redirect; share First Name,
 * Last Name and Email; authorize the SCIM2 Me API so `internal_login` is granted.
 * Notes: the issuer is the token endpoint; IS serves https with its own (self-signed) certificate,
 * which this app trusts through AUTH_WSO2_CA_FILE for its calls to IS, never by turning checks off.
 */

import { createCaTrustingFetch } from "@idp-gallery/api-client/ca-trusting-fetch";
import { fetchScimMe, scimErrorDetail } from "@idp-gallery/api-client/wso2";
import type { GalleryIdp } from "@idp-gallery/app";
import { createGalleryAuth } from "@idp-gallery/session/authjs";
import { customFetch } from "next-auth";
import { env } from "./env.ts";

// Every call to IS (Auth.js's discovery, token, userinfo; sign-out; SCIM) goes through this fetch.
const wso2Fetch = env.AUTH_WSO2_CA_FILE
  ? createCaTrustingFetch({ caFile: env.AUTH_WSO2_CA_FILE })
  : (...args: Parameters<typeof fetch>) => fetch(...args);

const auth = createGalleryAuth({
  idp: "wso2",
  idpName: "WSO2 Identity Server",
  appUrl: env.AUTH_URL,
  secret: env.AUTH_SECRET,
  provider: {
    id: "wso2is",
    name: "WSO2 Identity Server",
    type: "oidc",
    issuer: env.AUTH_WSO2_ISSUER,
    clientId: env.AUTH_WSO2_ID,
    clientSecret: env.AUTH_WSO2_SECRET,
    // `internal_login` lets the access token read the user's own SCIM2 resource (/scim2/Me).
    authorization: { params: { scope: "openid internal_login profile email" } },
    [customFetch]: wso2Fetch,
  },
});

/** The user's SCIM2 resource, fetched with their access token. */
async function scimMe() {
  const accessToken = await auth.getAccessToken();
  try {
    return await fetchScimMe({
      baseUrl: env.AUTH_WSO2_ISSUER,
      tenant: env.AUTH_WSO2_TENANT,
      accessToken,
      fetch: wso2Fetch,
    });
  } catch (error) {
    const detail = scimErrorDetail(error);
    throw detail ? new Error(`SCIM2 /Me refused: ${detail}`, { cause: error }) : error;
  }
}

export const idp = {
  id: "wso2",
  name: "WSO2 Identity Server",
  session: auth,
  extras: () => [{ title: `SCIM2 /Me (GET /t/${env.AUTH_WSO2_TENANT}/scim2/Me)`, load: scimMe }],
} satisfies GalleryIdp;
