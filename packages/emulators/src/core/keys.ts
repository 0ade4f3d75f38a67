import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  type JWK,
} from "jose";
import { selfSignedKeyCertificate } from "./key-certificate.ts";
import type { Surface } from "./types.ts";

export interface PersistedKeys {
  version: 1;
  alg: string;
  kidForm: string;
  signingKeys: JWK[];
  cookieKeys: string[];
}

const FILE = "keys.json";

async function generate(signing: Surface["signing"]): Promise<PersistedKeys> {
  const { privateKey, publicKey } = await generateKeyPair(signing.alg, {
    extractable: true,
    modulusLength: 2048,
  });
  const jwk = await exportJWK(privateKey);
  const cookieKeys = [randomBytes(32).toString("base64url")];
  const base = { version: 1, alg: signing.alg, kidForm: signing.kid, cookieKeys } as const;
  if (signing.kid === "x5t") {
    const x5c = selfSignedKeyCertificate(
      await exportSPKI(publicKey),
      await exportPKCS8(privateKey),
    );
    const kid = `${wso2Thumbprint(x5c)}_${signing.alg}`;
    return { ...base, signingKeys: [{ ...jwk, kid, alg: signing.alg, use: "sig", x5c: [x5c] }] };
  }
  const kid = signing.kid === "thumbprint" ? await calculateJwkThumbprint(jwk) : randomUUID();
  return { ...base, signingKeys: [{ ...jwk, kid, alg: signing.alg, use: "sig" }] };
}

/** WSO2's `x5t`: base64url of the hex SHA-256 digest of the key's certificate (not RFC 7515's form). */
export function wso2Thumbprint(certificateBase64: string): string {
  const hex = createHash("sha256").update(Buffer.from(certificateBase64, "base64")).digest("hex");
  return Buffer.from(hex).toString("base64url");
}

/** Keys survive restarts so RPs that cached the JWKS keep verifying tokens. */
export async function loadOrCreateKeys(
  dir: string,
  signing: Surface["signing"],
): Promise<PersistedKeys> {
  const file = join(dir, FILE);
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as PersistedKeys;
    if (stored.version === 1 && stored.alg === signing.alg && stored.kidForm === signing.kid) {
      return stored;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const keys = await generate(signing);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Write then rename so two emulators starting together never read a half-written file.
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
  return keys;
}
