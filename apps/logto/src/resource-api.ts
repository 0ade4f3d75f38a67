import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";
import { env } from "./env.ts";

const issuer = `${env.LOGTO_ENDPOINT}/oidc`;
// jose caches the key set and refetches it when a token names an unknown kid.
const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`), { timeoutDuration: 5000 });

export type ResourceCheck =
  | { ok: true; payload: JWTPayload }
  | { ok: false; status: 401 | 403; error: string; description: string };

/** Verifies a bearer token for the API resource: signature (JWKS), issuer, audience, then scope. */
export async function verifyResourceToken(authorization: string | null): Promise<ResourceCheck> {
  const token = authorization?.match(/^Bearer (\S+)$/i)?.[1];
  if (!token) {
    return { ok: false, status: 401, error: "invalid_request", description: "No bearer token." };
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, jwks, { issuer, audience: env.LOGTO_API_RESOURCE }));
  } catch (error) {
    return {
      ok: false,
      status: 401,
      error: "invalid_token",
      description: (error as Error).message,
    };
  }
  const scopes = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
  if (!scopes.includes(env.LOGTO_API_SCOPE)) {
    return {
      ok: false,
      status: 403,
      error: "insufficient_scope",
      description: `The token lacks the "${env.LOGTO_API_SCOPE}" permission.`,
    };
  }
  return { ok: true, payload };
}
