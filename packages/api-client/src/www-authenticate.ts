/** One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1). */
export interface AuthChallenge {
  /** Scheme as sent, e.g. "Bearer"; compare case-insensitively. */
  scheme: string;
  /** auth-params with lower-cased names, e.g. `{ realm, error, error_description }`. */
  params: Record<string, string>;
  token68?: string;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const TOKEN68 = /[A-Za-z0-9._~+/-]+=*/y;
const QUOTED_STRING = /"((?:[^"\\]|\\.)*)"/y;
const WHITESPACE = /[ \t]*/y;

/**
 * Parses every challenge of a `WWW-Authenticate` value, e.g.
 * `Bearer realm="api", error="invalid_token", Basic realm="x"`.
 * Lenient: stops at the first malformed part and returns what it understood.
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let pos = 0;

  const match = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = pos;
    const found = pattern.exec(header);
    if (found) pos = pattern.lastIndex;
    return found;
  };
  const skipWhitespace = () => void match(WHITESPACE);
  const atListEnd = () => pos >= header.length || header[pos] === ",";

  // Reads `name = value` at pos, or rewinds and returns undefined.
  const readParam = (): [string, string] | undefined => {
    const start = pos;
    const name = match(TOKEN);
    skipWhitespace();
    if (!name || header[pos] !== "=") {
      pos = start;
      return undefined;
    }
    pos += 1;
    skipWhitespace();
    const quoted = match(QUOTED_STRING);
    const value = quoted ? (quoted[1] ?? "").replace(/\\(.)/g, "$1") : (match(TOKEN)?.[0] ?? "");
    return [name[0].toLowerCase(), value];
  };

  while (pos < header.length) {
    while (pos < header.length && /[\s,]/.test(header[pos] ?? "")) pos += 1;
    const scheme = match(TOKEN);
    if (!scheme) break;
    const challenge: AuthChallenge = { scheme: scheme[0], params: {} };
    challenges.push(challenge);
    skipWhitespace();

    // token68 form: a single opaque value, e.g. `Negotiate abc==`.
    const beforeToken68 = pos;
    const token68 = match(TOKEN68);
    if (token68) {
      skipWhitespace();
      if (atListEnd()) {
        challenge.token68 = token68[0];
        continue;
      }
      pos = beforeToken68;
    }

    // auth-param list; a comma followed by something that is not `name=` starts the next challenge.
    while (pos < header.length) {
      const param = readParam();
      if (!param) break;
      const [name, value] = param;
      if (!(name in challenge.params)) challenge.params[name] = value;
      skipWhitespace();
      if (header[pos] !== ",") break;
      pos += 1;
      skipWhitespace();
    }
  }
  return challenges;
}
