const LINE_WIDTH = 100;
const INDENT = "  ";

/**
 * JSON as Biome formats it (objects expanded, arrays of scalars on one line when they fit in 100
 * columns, one item a line otherwise), so committed facts files pass `biome check` as written.
 * (Biome fills long arrays of numbers several to a line instead; the facts have none.)
 */
export function formatJson(value: unknown): string {
  return `${format(value, "", 0)}\n`;
}

// `used` is how many columns the line holds before this value (indent, key), plus the comma after it.
function format(value: unknown, indent: string, used: number): string {
  if (Array.isArray(value)) return formatArray(value, indent, used);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const inner = indent + INDENT;
    const lines = entries.map(([key, v], i) => {
      const head = `${inner}${JSON.stringify(key)}: `;
      const comma = i < entries.length - 1 ? 1 : 0;
      return `${head}${format(v, inner, head.length + comma)}${comma ? "," : ""}`;
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function formatArray(items: unknown[], indent: string, used: number): string {
  if (items.length === 0) return "[]";
  const scalars = items.every((item) => item === null || typeof item !== "object");
  const inline = `[${items.map((item) => JSON.stringify(item)).join(", ")}]`;
  if (scalars && used + inline.length <= LINE_WIDTH) return inline;
  const inner = indent + INDENT;
  const lines = items.map((item, i) => {
    const comma = i < items.length - 1 ? 1 : 0;
    return `${inner}${format(item, inner, inner.length + comma)}${comma ? "," : ""}`;
  });
  return `[\n${lines.join("\n")}\n${indent}]`;
}
