function encodeString(value: string): string {
  // Python's json.dumps escapes every non-ASCII character (ensure_ascii=True).
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Byte-compatible with Python's `json.dumps(value)` defaults (", " and ": " separators). */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return encodeString(value);
  if (typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, item]) => item !== undefined,
    );
    return `{${entries.map(([key, item]) => `${encodeString(key)}: ${pythonJson(item)}`).join(", ")}}`;
  }
  throw new TypeError(`Cannot serialise ${typeof value}`);
}
