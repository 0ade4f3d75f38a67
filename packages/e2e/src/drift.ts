/** One value that differs between what the real IdP and its emulator gave the app. */
export interface Difference {
  where: string;
  key: string;
  real: unknown;
  emulated: unknown;
}

export interface DiffOptions {
  /** Keys whose values change on every sign-in (exp, nonce…): only their presence is compared. */
  volatile?: readonly string[];
  /** Each IdP's origin, replaced by `{idp}` so URLs on two ports compare equal. */
  origins?: readonly [real: string, emulated: string];
}

const replaceOrigin = (value: unknown, origin: string | undefined): unknown => {
  if (!origin) return value;
  return JSON.parse(JSON.stringify(value ?? null).replaceAll(origin, "{idp}"));
};

/** The top-level keys of two JSON documents whose values (or presence) differ. */
export function diffDocuments(
  where: string,
  real: Record<string, unknown>,
  emulated: Record<string, unknown>,
  options: DiffOptions = {},
): Difference[] {
  const volatile = new Set(options.volatile ?? []);
  const a = replaceOrigin(real, options.origins?.[0]) as Record<string, unknown>;
  const b = replaceOrigin(emulated, options.origins?.[1]) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys
    .filter((key) => {
      if (!(key in a) || !(key in b)) return true;
      return !volatile.has(key) && JSON.stringify(a[key]) !== JSON.stringify(b[key]);
    })
    .map((key) => ({ where, key, real: a[key], emulated: b[key] }));
}

/**
 * Reads the table of deliberate differences from a README: the rows under `heading` whose first two
 * cells are where (discovery, claims, userinfo…) and the key, returned as "where key".
 */
export function parseDeliberateDifferences(markdown: string, heading: string): Set<string> {
  const start = markdown.indexOf(heading);
  if (start < 0) throw new Error(`The README has no section "${heading}"`);
  const rows = markdown.slice(start + heading.length).split("\n");
  const entries = new Set<string>();
  let inTable = false;
  for (const line of rows) {
    if (line.startsWith("#")) break;
    if (!line.trim().startsWith("|")) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line.split("|").map((cell) => cell.trim().replaceAll("`", ""));
    const [where, key] = [cells[1] ?? "", cells[2] ?? ""];
    if (!where || /^-+$/.test(where) || where.toLowerCase() === "where") continue;
    entries.add(`${where} ${key}`);
  }
  return entries;
}
