import type { ServerResponse } from "node:http";
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { decodeClientDataJSON } from "@simplewebauthn/server/helpers";
import { z } from "zod";
import { sendJson } from "../core/http-utils.ts";
import type { ExtraRoute, ExtraRouteContext } from "../core/types.ts";
import { callbackUrl, issueAuthorizationCode } from "./beyond-identity-authorization.ts";
import { corsPostRoute, passkeyError, readBody } from "./beyond-identity-http.ts";
import type { BeyondIdentityStore, Identity, Passkey } from "./beyond-identity-store.ts";
import {
  APPLICATION_PATH,
  appOrigins,
  invokeUrlFor,
  pkceMode,
  rpIdFor,
  tenant,
} from "./beyond-identity-tenant.ts";
import { type RequestClaims, verifyRequestJwt } from "./beyond-identity-tokens.ts";

/**
 * The emulator's local passkey protocol, standing in for the Beyond Identity SDK's undocumented cloud
 * protocol: WebAuthn ceremonies (@simplewebauthn/server) for binding a passkey to an identity and for
 * authenticating a sign-in, called by the app's own /bind and /bi-authenticate pages.
 */

export const AUTHENTICATE_OPTIONS_PATH = `${APPLICATION_PATH}/bi-authenticate/options`;
export const AUTHENTICATE_VERIFY_PATH = `${APPLICATION_PATH}/bi-authenticate/verify`;
const BINDING_PATH =
  /^\/v1\/tenants\/([^/]+)\/realms\/([^/]+)\/identities\/([^/]+)\/credential-binding-jobs\/([^/:]+):(registrationOptions|complete)$/;

export const DENIED_DESCRIPTION = "The authentication was denied by policy.";

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, "must be base64url");
const credentialFields = {
  id: base64url,
  rawId: base64url,
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
};
const authenticationResponse = z.object({
  ...credentialFields,
  response: z.looseObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
});
const registrationResponse = z.object({
  ...credentialFields,
  response: z.looseObject({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.string()).optional(),
  }),
});

const optionsBody = z.object({ request: z.string().min(1), passkey_id: z.string().min(1) });
const verifyBody = z.object({ request: z.string().min(1), response: authenticationResponse });
const registrationOptionsBody = z.object({ token: z.string().min(1) });
const completeBody = z.object({ token: z.string().min(1), response: registrationResponse });

type Failure = { ok: false; status: 400 | 401 | 404 | 410; error: string; description: string };
const fail = (status: Failure["status"], error: string, description: string): Failure => ({
  ok: false,
  status,
  error,
  description,
});
const send = (res: ServerResponse, failure: Failure) =>
  passkeyError(res, failure.status, failure.error, failure.description);

function challengeOf(clientDataJSON: string): string | undefined {
  try {
    return decodeClientDataJSON(clientDataJSON).challenge;
  } catch {
    return undefined;
  }
}

/** The passkey as the app's client shows it (the SDK's Passkey, in the emulator's JSON). */
function passkeyJson(passkey: Passkey, identity: Identity) {
  return {
    id: passkey.id,
    credential_id: passkey.credentialId,
    create_time: passkey.createTime,
    identity: {
      id: identity.id,
      username: identity.traits.username,
      display_name: identity.display_name,
      ...(identity.traits.primary_email_address
        ? { primary_email_address: identity.traits.primary_email_address }
        : {}),
    },
    tenant: { id: tenant.tenantId, display_name: tenant.tenantDisplayName },
    realm: { id: tenant.realmId, display_name: tenant.realmDisplayName },
  };
}

export interface PasskeyRoutesOptions {
  /** The OpenID scopes oidc-provider knows, for the code's grant. */
  knownScopes: readonly string[];
}

export function passkeyRoutes(store: BeyondIdentityStore, options: PasskeyRoutesOptions) {
  // Interactions a verify has claimed (uid → the request's expiry, epoch s), claimed synchronously
  // after the last await, so two verifies of one sign-in never both answer with a code.
  const finished = new Map<string, number>();
  const claim = (claims: RequestClaims) => {
    if (finished.has(claims.jti)) return false;
    const now = Math.floor(Date.now() / 1000);
    for (const [uid, exp] of finished) if (exp < now) finished.delete(uid);
    finished.set(claims.jti, claims.exp);
    return true;
  };

  /** The sign-in a `request` JWT names: signed by this tenant, not expired, still pending. */
  async function signIn(ctx: ExtraRouteContext, request: string) {
    const verified = await verifyRequestJwt(ctx, request);
    if (!verified.ok) {
      return verified.reason === "expired"
        ? fail(410, "expired", "The sign-in request has expired. Start again from the application.")
        : fail(401, "invalid_token", "The sign-in request was not issued by this tenant.");
    }
    const { claims } = verified;
    const interaction = await ctx.provider.Interaction.find(claims.jti);
    if (!interaction || finished.has(claims.jti)) {
      return fail(
        410,
        "expired",
        "The sign-in request has expired or is already complete. Start again from the application.",
      );
    }
    return { ok: true as const, claims, interaction };
  }

  const rpIdOf = (claims: RequestClaims) => rpIdFor(invokeUrlFor(claims.redirect_uri));

  const authenticationOptions = corsPostRoute(AUTHENTICATE_OPTIONS_PATH, async (req, res, ctx) => {
    const body = await readBody(req, optionsBody);
    if (!body.ok) return passkeyError(res, 400, "invalid_request", body.message);
    const started = await signIn(ctx, body.data.request);
    if (!started.ok) return send(res, started);
    const passkey = store.findPasskey(body.data.passkey_id);
    if (
      !passkey ||
      passkey.tenantId !== started.claims.tid ||
      passkey.realmId !== started.claims.rid ||
      !store.findIdentity(passkey.identityId)
    ) {
      return passkeyError(res, 404, "not_found", "This passkey is not registered in this realm.");
    }
    const webauthn = await generateAuthenticationOptions({
      rpID: rpIdOf(started.claims),
      allowCredentials: [{ id: passkey.credentialId, transports: passkey.transports }],
      userVerification: "required",
    });
    store.issueChallenge(webauthn.challenge, {
      kind: "authentication",
      interactionUid: started.claims.jti,
      passkeyId: passkey.id,
    });
    sendJson(res, 200, { options: webauthn });
  });

  async function verifyAssertion(
    claims: RequestClaims,
    response: AuthenticationResponseJSON,
  ): Promise<{ ok: true; passkey: Passkey } | Failure> {
    const challenge = challengeOf(response.response.clientDataJSON);
    if (!challenge) return fail(400, "invalid_request", "clientDataJSON cannot be read.");
    // Taken before verifying, so the same assertion can never be verified twice.
    const issued = store.takeChallenge(challenge);
    if (issued?.kind !== "authentication" || issued.interactionUid !== claims.jti) {
      return fail(
        400,
        "invalid_challenge",
        "The challenge was not issued for this sign-in, has expired or was already used.",
      );
    }
    const passkey = store.findPasskey(issued.passkeyId);
    if (!passkey || passkey.credentialId !== response.id) {
      return fail(400, "verification_failed", "The assertion is not from the chosen passkey.");
    }
    try {
      const { verified, authenticationInfo } = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: appOrigins(),
        expectedRPID: rpIdOf(claims),
        credential: {
          id: passkey.credentialId,
          publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>,
          counter: passkey.counter,
          transports: passkey.transports,
        },
        requireUserVerification: true,
      });
      if (!verified) return fail(400, "verification_failed", "The assertion did not verify.");
      passkey.counter = authenticationInfo.newCounter;
      return { ok: true, passkey };
    } catch (error) {
      return fail(400, "verification_failed", (error as Error).message);
    }
  }

  const authenticationVerify = corsPostRoute(AUTHENTICATE_VERIFY_PATH, async (req, res, ctx) => {
    const body = await readBody(req, verifyBody);
    if (!body.ok) return passkeyError(res, 400, "invalid_request", body.message);
    const started = await signIn(ctx, body.data.request);
    if (!started.ok) return send(res, started);
    const response = body.data.response as AuthenticationResponseJSON;
    const checked = await verifyAssertion(started.claims, response);
    if (!checked.ok) return send(res, checked);

    const { interaction, claims } = started;
    if (!claim(claims)) {
      return passkeyError(res, 410, "expired", "This sign-in request is already complete.");
    }
    await interaction.destroy();
    if (store.takeDenial()) {
      const redirectUrl = callbackUrl(interaction, {
        error: "access_denied",
        error_description: DENIED_DESCRIPTION,
      });
      return sendJson(res, 200, { redirect_url: redirectUrl, message: "denied by policy" });
    }
    const code = await issueAuthorizationCode({
      provider: ctx.provider,
      interaction,
      accountId: checked.passkey.identityId,
      knownScopes: options.knownScopes,
      pkce: pkceMode(),
    });
    sendJson(res, 200, {
      redirect_url: callbackUrl(interaction, { code }),
      message: "authenticated",
    });
  });

  /** The job a binding route names, checked against its token. */
  function binding(ctx: ExtraRouteContext, token: string) {
    const [, tenantId, realmId, identityId = "", jobId = ""] = ctx.match ?? [];
    if (tenantId !== tenant.tenantId || realmId !== tenant.realmId) {
      return fail(404, "not_found", "No such tenant or realm.");
    }
    const check = store.checkBinding(identityId, jobId, token);
    if (check.ok) return check;
    switch (check.reason) {
      case "invalid_token":
        return fail(401, "invalid_token", "The binding token does not belong to this job.");
      case "used":
        return fail(410, "expired", "This credential binding job is already complete.");
      case "expired":
        return fail(410, "expired", "This credential binding job has expired.");
      default:
        return fail(404, "not_found", "No such credential binding job for this identity.");
    }
  }

  async function registrationOptions(ctx: ExtraRouteContext, res: ServerResponse, token: string) {
    const bound = binding(ctx, token);
    if (!bound.ok) return send(res, bound);
    const { job, identity } = bound;
    const webauthn = await generateRegistrationOptions({
      rpName: tenant.realmDisplayName,
      rpID: rpIdFor(invokeUrlFor(job.post_binding_redirect_uri)),
      // No userID: a random one per binding, so passkeys never overwrite each other on a device.
      userName: identity.traits.username,
      userDisplayName: identity.display_name,
      attestationType: "none",
      authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
    });
    store.issueChallenge(webauthn.challenge, { kind: "registration", jobId: job.id });
    sendJson(res, 200, { options: webauthn });
  }

  async function complete(
    ctx: ExtraRouteContext,
    res: ServerResponse,
    token: string,
    response: RegistrationResponseJSON,
  ) {
    const bound = binding(ctx, token);
    if (!bound.ok) return send(res, bound);
    const { job, identity } = bound;
    const challenge = challengeOf(response.response.clientDataJSON);
    if (!challenge)
      return passkeyError(res, 400, "invalid_request", "clientDataJSON cannot be read.");
    const issued = store.takeChallenge(challenge);
    if (issued?.kind !== "registration" || issued.jobId !== job.id) {
      const description =
        "The challenge was not issued for this binding, has expired or was already used.";
      return passkeyError(res, 400, "invalid_challenge", description);
    }
    let credential: { id: string; publicKey: Uint8Array; counter: number };
    try {
      const { verified, registrationInfo } = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: appOrigins(),
        expectedRPID: rpIdFor(invokeUrlFor(job.post_binding_redirect_uri)),
        requireUserVerification: true,
      });
      if (!verified) {
        return passkeyError(res, 400, "verification_failed", "The attestation did not verify.");
      }
      credential = registrationInfo.credential;
    } catch (error) {
      return passkeyError(res, 400, "verification_failed", (error as Error).message);
    }
    if (store.hasCredential(credential.id)) {
      return passkeyError(res, 400, "verification_failed", "This credential is already bound.");
    }
    const passkey = store.addPasskey({
      credentialId: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: response.response.transports ?? [],
      identityId: identity.id,
    });
    store.completeJob(job.id);
    sendJson(res, 200, {
      passkey: passkeyJson(passkey, identity),
      post_binding_redirect_uri: job.post_binding_redirect_uri ?? null,
    });
  }

  const bindingRoute = corsPostRoute(BINDING_PATH, async (req, res, ctx) => {
    if (ctx.match?.[5] === "registrationOptions") {
      const body = await readBody(req, registrationOptionsBody);
      if (!body.ok) return passkeyError(res, 400, "invalid_request", body.message);
      return registrationOptions(ctx, res, body.data.token);
    }
    const body = await readBody(req, completeBody);
    if (!body.ok) return passkeyError(res, 400, "invalid_request", body.message);
    const response = body.data.response as RegistrationResponseJSON;
    return complete(ctx, res, body.data.token, response);
  });

  const routes: ExtraRoute[] = [authenticationOptions, authenticationVerify, bindingRoute];
  return { routes, reset: () => finished.clear() };
}
