import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import forge from "node-forge";

/** The project's local development CA and the `localhost` certificate it issued. */
export interface DevCa {
  dir: string;
  /** PEM of the CA certificate: what apps, tests and browsers trust. */
  caCert: string;
  caFile: string;
  /** PEM key and certificate chain (leaf, then CA) for a TLS server on localhost. */
  serverKey: string;
  serverCert: string;
  /** base64 SHA-256 of the server certificate's SubjectPublicKeyInfo (Chromium's SPKI pin form). */
  serverSpkiSha256: string;
}

export const CA_DIR = "ca";
const FILES = {
  caCert: "ca.pem",
  caKey: "ca-key.pem",
  serverCert: "localhost.pem",
  serverKey: "localhost-key.pem",
} as const;

const DAY = 24 * 60 * 60 * 1000;
// Browsers refuse server certificates valid for more than 398 days, even from a local CA.
const SERVER_DAYS = 397;
const CA_DAYS = 10 * 365;

function rsaKeyPair() {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

function certificate(options: {
  subject: string;
  issuer: forge.pki.CertificateField[];
  publicKey: string;
  signingKey: string;
  days: number;
  extensions: unknown[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(options.publicKey);
  // A positive random serial (leading 0 nibble keeps the DER integer positive).
  cert.serialNumber = `0${randomBytes(15).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - DAY);
  cert.validity.notAfter = new Date(Date.now() + options.days * DAY);
  cert.setSubject([
    { name: "commonName", value: options.subject },
    { name: "organizationName", value: "IdP Gallery (development only)" },
  ]);
  cert.setIssuer(options.issuer);
  cert.setExtensions(options.extensions as never[]);
  cert.sign(forge.pki.privateKeyFromPem(options.signingKey), forge.md.sha256.create());
  return cert;
}

function issueServer(caCertPem: string, caKeyPem: string) {
  const ca = forge.pki.certificateFromPem(caCertPem);
  const keys = rsaKeyPair();
  const cert = certificate({
    subject: "localhost",
    issuer: ca.subject.attributes,
    publicKey: keys.publicKey,
    signingKey: caKeyPem,
    days: SERVER_DAYS,
    extensions: [
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
      { name: "subjectKeyIdentifier" },
      {
        name: "authorityKeyIdentifier",
        keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes(),
      },
    ],
  });
  return { serverKey: keys.privateKey, serverCert: forge.pki.certificateToPem(cert) };
}

function issueCa() {
  const keys = rsaKeyPair();
  const name = "IdP Gallery Development CA";
  const cert = certificate({
    subject: name,
    issuer: [
      { name: "commonName", value: name },
      { name: "organizationName", value: "IdP Gallery (development only)" },
    ],
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    days: CA_DAYS,
    extensions: [
      { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
      { name: "subjectKeyIdentifier" },
    ],
  });
  return { caKey: keys.privateKey, caCert: forge.pki.certificateToPem(cert) };
}

async function writeSecret(file: string, text: string, mode: number) {
  await writeFile(file, text, { mode });
}

/** Creates the whole CA directory at once: a directory rename is atomic and fails if one exists. */
async function createCaDir(dir: string): Promise<void> {
  await mkdir(dirname(dir), { recursive: true, mode: 0o700 });
  const temp = await mkdtemp(join(dirname(dir), ".ca-tmp-"));
  try {
    const { caKey, caCert } = issueCa();
    const { serverKey, serverCert } = issueServer(caCert, caKey);
    await writeSecret(join(temp, FILES.caKey), caKey, 0o600);
    await writeSecret(join(temp, FILES.caCert), caCert, 0o644);
    await writeSecret(join(temp, FILES.serverKey), serverKey, 0o600);
    await writeSecret(join(temp, FILES.serverCert), serverCert, 0o644);
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    // Another emulator created it first; use theirs.
    if (code !== "EEXIST" && code !== "ENOTEMPTY") throw error;
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Renews the localhost certificate a day before it expires; the CA itself stays. */
async function renewServerIfExpiring(dir: string, caCert: string, serverCert: string) {
  if (new Date(new X509Certificate(serverCert).validTo).getTime() > Date.now() + DAY) return;
  const caKey = await readFile(join(dir, FILES.caKey), "utf8");
  const issued = issueServer(caCert, caKey);
  for (const [name, text, mode] of [
    [FILES.serverKey, issued.serverKey, 0o600],
    [FILES.serverCert, issued.serverCert, 0o644],
  ] as const) {
    const temp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString("hex")}`);
    await writeSecret(temp, text, mode);
    await rename(temp, join(dir, name));
  }
}

export function spkiSha256(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}

/**
 * The development CA under `<dataRoot>/ca/`, created on first use (git-ignored, like the signing keys).
 * HTTPS emulators serve the `localhost` certificate it issued; apps trust `ca.pem` through a CA file.
 */
export async function loadOrCreateDevCa(dataRoot: string): Promise<DevCa> {
  const dir = join(dataRoot, CA_DIR);
  if ((await readIfExists(join(dir, FILES.caCert))) === undefined) await createCaDir(dir);
  const caCert = await readFile(join(dir, FILES.caCert), "utf8");
  await renewServerIfExpiring(dir, caCert, await readFile(join(dir, FILES.serverCert), "utf8"));
  const [serverKey, leaf] = await Promise.all([
    readFile(join(dir, FILES.serverKey), "utf8"),
    readFile(join(dir, FILES.serverCert), "utf8"),
  ]);
  return {
    dir,
    caCert,
    caFile: join(dir, FILES.caCert),
    serverKey,
    serverCert: `${leaf.trimEnd()}\n${caCert}`,
    serverSpkiSha256: spkiSha256(leaf),
  };
}

/** Where `loadOrCreateDevCa(dataRoot)` keeps the CA certificate. */
export function devCaFile(dataRoot: string): string {
  return join(dataRoot, CA_DIR, FILES.caCert);
}
