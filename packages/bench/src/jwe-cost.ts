import { randomBytes } from "node:crypto";
import { decode, encode } from "@auth/core/jwt";
import { summarize } from "./stats.ts";

/**
 * What one Auth.js JWT operation costs on this machine, as Auth.js runs it for every session check and
 * every PKCE/state/nonce cookie: an HKDF key derivation, then JWE (dir, A256CBC-HS512) encryption with
 * a JWK thumbprint, or decryption. A token shaped like the apps' sessions (claims + tokens).
 */
export async function jweCost(iterations = 500) {
  const secret = randomBytes(32).toString("base64url");
  const salt = "idpg-django-oidc-4003.session-token";
  const token = {
    sub: "1",
    claims: { sub: "1", name: "Alice Liddell", email: "alice@example.com", nonce: "n".repeat(43) },
    tokens: {
      accessToken: randomBytes(32).toString("base64url"),
      idToken: randomBytes(700).toString("base64url"),
      refreshToken: randomBytes(32).toString("base64url"),
      accessTokenExpiresAt: 1_900_000_000,
    },
  };
  const encodeMs: number[] = [];
  const decodeMs: number[] = [];
  for (let i = 0; i < iterations + 50; i++) {
    let started = performance.now();
    const jwt = await encode({ token, secret, salt });
    const encoded = performance.now() - started;
    started = performance.now();
    await decode({ token: jwt, secret, salt });
    const decoded = performance.now() - started;
    if (i < 50) continue;
    encodeMs.push(encoded);
    decodeMs.push(decoded);
  }
  return { encode: summarize(encodeMs), decode: summarize(decodeMs) };
}
