import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Compares a presented secret with the expected one in constant time. Both are hashed first, so
 * the comparison sees equal-length inputs and leaks neither the secret's length nor a prefix.
 */
export function secretsEqual(presented: string, expected: string): boolean {
  if (expected.length === 0) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}
