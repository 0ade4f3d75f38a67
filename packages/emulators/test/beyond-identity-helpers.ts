import { randomBytes } from "node:crypto";
import { SoftwareAuthenticator } from "@idp-gallery/emulators/testing";
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import type { Emulator } from "../src/core/create-emulator.ts";
import { beyondIdentityTenant as tenant } from "../src/fixtures.ts";
import { REALM_PATH } from "../src/surfaces/beyond-identity-tenant.ts";
import { basicAuth, pkce } from "./oidc-helpers.ts";

/** Driving a Beyond Identity emulator as the app, its management back end and its browser page do. */

export { tenant };
export const redirectUri = tenant.redirectUris[0] ?? "";
/** The app's origin (the Invoke URL): where its /bind and /bi-authenticate pages run. */
export const appOrigin = new URL(redirectUri).origin;
export const appAuth = basicAuth(tenant.clientId, tenant.clientSecret);
export const managementAuth = basicAuth(tenant.management.clientId, tenant.management.clientSecret);
export const managementTokenPath = `/v1/tenants/${tenant.tenantId}/realms/${tenant.management.adminRealmId}/applications/${tenant.management.applicationId}/token`;

export interface JsonAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

async function answer<T>(response: Response): Promise<JsonAnswer<T>> {
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as T,
    headers: response.headers,
  };
}

/** POST JSON as the app's page does (from the app's origin unless told otherwise). */
export async function postJson<T = Record<string, unknown>>(
  url: string,
  body: unknown,
  origin: string | undefined = appOrigin,
): Promise<JsonAnswer<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (origin) headers.origin = origin;
  return answer<T>(await fetch(url, { method: "POST", headers, body: JSON.stringify(body) }));
}

export async function managementToken(emulator: Emulator, scope?: string): Promise<string> {
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (scope) form.set("scope", scope);
  const response = await fetch(`${emulator.url}${managementTokenPath}`, {
    method: "POST",
    headers: { authorization: managementAuth, "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  const { access_token } = (await response.json()) as { access_token: string };
  return access_token;
}

/** A Management API call on the realm (`path` relative to `/v1/tenants/{t}/realms/{r}/`). */
export async function api<T = Record<string, unknown>>(
  emulator: Emulator,
  token: string,
  path: string,
  body?: unknown,
): Promise<JsonAnswer<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${emulator.url}${REALM_PATH}/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer<T>(response);
}

export function newIdentity(name = `user${randomBytes(4).toString("hex")}`) {
  return {
    identity: {
      display_name: `${name[0]?.toUpperCase()}${name.slice(1)} Tester`,
      traits: { type: "traits_v0", username: name, primary_email_address: `${name}@example.net` },
    },
  };
}

export interface BindingJobAnswer {
  credential_binding_job: Record<string, string>;
  credential_binding_link?: string;
}

export async function createBindingJob(
  emulator: Emulator,
  token: string,
  identityId: string,
  job: Record<string, string> = {},
) {
  return api<BindingJobAnswer>(
    emulator,
    token,
    `identities/${identityId}/credential-binding-jobs`,
    {
      job: {
        delivery_method: "RETURN",
        authenticator_config_id: tenant.authenticatorConfigId,
        post_binding_redirect_uri: `${appOrigin}/passkeys`,
        ...job,
      },
    },
  );
}

/** What the app's /bind page gets from `:invokeAuthenticator`: the API base, the job and the token. */
export async function followBindingLink(link: string) {
  const response = await fetch(link, { redirect: "manual" });
  const location = response.headers.get("location");
  if (response.status !== 302 || !location) {
    throw new Error(`expected a redirect to /bind, got ${response.status}`);
  }
  const bind = new URL(location);
  const q = (name: string) => bind.searchParams.get(name) ?? "";
  const jobUrl = `${q("api_base_url")}/v1/tenants/${q("tenant_id")}/realms/${q("realm_id")}/identities/${q("identity_id")}/credential-binding-jobs/${q("job_id")}`;
  return { bind, jobUrl, token: q("token") };
}

export interface BoundPasskey {
  id: string;
  credential_id: string;
  identity: { id: string; username: string; display_name: string };
}

/** Binds a new software passkey to the identity through a RETURN job, as the app's /bind page would. */
export async function bindPasskey(emulator: Emulator, identityId: string) {
  const token = await managementToken(emulator);
  const job = await createBindingJob(emulator, token, identityId);
  const link = job.body.credential_binding_link;
  if (!link) throw new Error(`no binding link: ${JSON.stringify(job.body)}`);
  const { jobUrl, token: bindToken } = await followBindingLink(link);
  const options = await postJson<{ options: PublicKeyCredentialCreationOptionsJSON }>(
    `${jobUrl}:registrationOptions`,
    { token: bindToken },
  );
  const authenticator = new SoftwareAuthenticator();
  const completed = await postJson<{ passkey: BoundPasskey }>(`${jobUrl}:complete`, {
    token: bindToken,
    response: authenticator.register(options.body.options, appOrigin),
  });
  if (completed.status !== 200)
    throw new Error(`binding failed: ${JSON.stringify(completed.body)}`);
  return { authenticator, passkey: completed.body.passkey, jobUrl, bindToken };
}

/** GET {issuer}/authorize as Auth.js sends it; returns the hand-off and what the app keeps. */
export async function authorize(emulator: Emulator, extra: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  const state = randomBytes(8).toString("hex");
  const nonce = randomBytes(8).toString("hex");
  const query = new URLSearchParams({
    response_type: "code",
    client_id: tenant.clientId,
    redirect_uri: redirectUri,
    scope: "openid profile email",
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...extra,
  });
  const response = await fetch(`${emulator.issuer}/authorize?${query}`, { redirect: "manual" });
  const location = response.headers.get("location") ?? undefined;
  const request = location ? (new URL(location).searchParams.get("request") ?? "") : "";
  return { response, location, request, verifier, state, nonce };
}

/** The app's /bi-authenticate page: options for the chosen passkey, then the signed assertion. */
export async function authenticate(
  emulator: Emulator,
  request: string,
  passkeyId: string,
  authenticator: SoftwareAuthenticator,
) {
  const options = await postJson<{ options: PublicKeyCredentialRequestOptionsJSON }>(
    `${emulator.issuer}/bi-authenticate/options`,
    { request, passkey_id: passkeyId },
  );
  if (options.status !== 200) throw new Error(`options failed: ${JSON.stringify(options.body)}`);
  const response = authenticator.authenticate(options.body.options, appOrigin);
  const verified = await postJson<{ redirect_url: string; message: string }>(
    `${emulator.issuer}/bi-authenticate/verify`,
    { request, response },
  );
  return { options: options.body.options, response, verified };
}

export async function redeem(emulator: Emulator, code: string, verifier?: string) {
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri,
  });
  if (verifier) form.set("code_verifier", verifier);
  const response = await fetch(`${emulator.issuer}/token`, {
    method: "POST",
    headers: { authorization: appAuth, "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  return answer<Record<string, string | number>>(response);
}

/** A whole passkey sign-in of the identity (a new passkey bound first), ending with the code redeemed. */
export async function signInWithPasskey(emulator: Emulator, identityId: string) {
  const { authenticator, passkey } = await bindPasskey(emulator, identityId);
  const { request, verifier } = await authorize(emulator);
  const { verified } = await authenticate(emulator, request, passkey.id, authenticator);
  const code = new URL(verified.body.redirect_url).searchParams.get("code") ?? "";
  return redeem(emulator, code, verifier);
}
