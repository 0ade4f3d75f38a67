/**
 * Remembers what a session cookie decrypts to, so a session making many requests pays for the
 * decryption (and its key derivation) once. Keyed by the whole encrypted value: nothing can be
 * looked up without holding the cookie. Entries past their `exp` are never served.
 */
export function cachedDecoder<T extends { exp?: unknown }>(
  decode: (value: string) => Promise<T | null>,
  maxEntries = 1000,
): (value: string) => Promise<T | null> {
  const entries = new Map<string, T>();
  return async (value) => {
    const hit = entries.get(value);
    entries.delete(value);
    if (hit && typeof hit.exp === "number" && hit.exp * 1000 > Date.now()) {
      entries.set(value, hit); // Most recently used goes last.
      return hit;
    }
    const decoded = await decode(value);
    if (!decoded) return null;
    entries.set(value, decoded);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    return decoded;
  };
}
