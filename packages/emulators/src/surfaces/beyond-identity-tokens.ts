import { randomBytes } from "node:crypto";
import { errors, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { EmulatorContext } from "../core/types.ts";
import { MANAGEMENT_APPLICATION_PATH, tenant } from "./beyond-identity-tenant.ts";

/**
 * The JWTs the emulator signs itself with its RS256 key (jose): the `request` JWT of a sign-in
 * (`{invoke_url}/bi-authenticate?request=…`) and Management API access tokens.
 */

const ALG = "RS256";
export const MANAGEMENT_AUDIENCE = "beyondidentity";
export const MANAGEMENT_TOKEN_TTL = 3600;

/** Claims of the sign-in `request` JWT (what the app's client reads `iss` from, unverified). */
export interface RequestClaims extends JWTPayload {
  iss: string;
  /** oidc-provider's interaction id. */
  jti: string;
  iat: number;
  exp: number;
  cid: string;
  tid: string;
  rid: string;
  aid: string;
  redirect_uri: string;
  login_hint?: string;
}

export type Verified<T> = { ok: true; claims: T } | { ok: false; reason: "expired" | "invalid" };

function signingKey(emulator: EmulatorContext): JWK {
  const key = emulator.signingKeys[0] as JWK | undefined;
  if (!key) throw new Error("the emulator has no signing key");
  return key;
}

async function sign(emulator: EmulatorContext, claims: JWTPayload): Promise<string> {
  const key = signingKey(emulator);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, typ: "JWT", kid: key.kid })
    .sign(await importJWK(key, ALG));
}

async function verify<T extends JWTPayload>(
  emulator: EmulatorContext,
  token: string,
  options: { issuer: string; audience?: string },
): Promise<Verified<T>> {
  const { kty, n, e, kid } = signingKey(emulator);
  try {
    const { payload } = await jwtVerify(token, await importJWK({ kty, n, e, kid }, ALG), {
      ...options,
      algorithms: [ALG],
      requiredClaims: ["exp", "jti"],
    });
    return { ok: true, claims: payload as T };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}

export function signRequestJwt(
  emulator: EmulatorContext,
  interaction: { uid: string; expiresAt: number; params: Record<string, unknown> },
): Promise<string> {
  const { params } = interaction;
  const claims: RequestClaims = {
    iss: emulator.issuer,
    jti: interaction.uid,
    iat: Math.floor(Date.now() / 1000),
    exp: interaction.expiresAt,
    cid: String(params.client_id ?? ""),
    tid: tenant.tenantId,
    rid: tenant.realmId,
    aid: tenant.applicationId,
    redirect_uri: String(params.redirect_uri ?? ""),
    ...(typeof params.login_hint === "string" ? { login_hint: params.login_hint } : {}),
  };
  return sign(emulator, claims);
}

export function verifyRequestJwt(emulator: EmulatorContext, token: string) {
  return verify<RequestClaims>(emulator, token, { issuer: emulator.issuer });
}

const managementIssuer = (emulator: EmulatorContext) =>
  `${emulator.origin}${MANAGEMENT_APPLICATION_PATH}`;

export function signManagementToken(emulator: EmulatorContext, scope: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { tenantId, management } = tenant;
  return sign(emulator, {
    iss: managementIssuer(emulator),
    sub: management.clientId,
    aud: MANAGEMENT_AUDIENCE,
    azp: `tenants/${tenantId}/realms/${management.adminRealmId}/applications/${management.applicationId}`,
    bi_ty: "client_credentials",
    scope,
    jti: randomBytes(16).toString("base64url"),
    iat: now,
    nbf: now,
    exp: now + MANAGEMENT_TOKEN_TTL,
  });
}

export function verifyManagementToken(emulator: EmulatorContext, token: string) {
  return verify<JWTPayload & { scope?: string }>(emulator, token, {
    issuer: managementIssuer(emulator),
    audience: MANAGEMENT_AUDIENCE,
  });
}
