import { randomBytes } from "node:crypto";
import forge from "node-forge";

/**
 * A self-signed certificate for a signing key, as a keystore entry has (WSO2's `wso2carbon`): its
 * digest is the key's `x5t`. Returns the DER as base64, the form of a JWK's `x5c` entry.
 */
export function selfSignedKeyCertificate(publicKeyPem: string, privateKeyPem: string): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = `0${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 60 * 60 * 1000);
  const name = [
    { name: "commonName", value: "localhost" },
    { name: "organizationName", value: "IdP Gallery emulator" },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  return forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
}
