import { createHash } from "node:crypto";
import type { FixtureUser } from "../fixtures.ts";

// RFC 9562 URL namespace; the name below makes each seeded user's id stable across runs and machines.
const NAMESPACE = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");

/** A name-based (v5) UUID, the shape of the user ids WSO2's user stores assign. */
function uuidV5(name: string): string {
  const bytes = createHash("sha1").update(NAMESPACE).update(name).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * IS 7's default subject is the user's unique id (`http://wso2.org/claims/userid`, a UUID), not the
 * username, unless the application assigns an alternate subject identifier. It is also the SCIM `id`.
 */
export function wso2Subject(user: FixtureUser): string {
  return uuidV5(`https://idp-gallery.invalid/wso2/users/${user.id}`);
}
