import { epochToIso, toJson } from "./format.ts";

// JWT/OIDC claims holding epoch seconds, shown with a readable date beside the number.
const epochClaims = new Set(["exp", "iat", "auth_time", "nbf", "updated_at"]);

function ClaimValue({ name, value }: { name: string; value: unknown }) {
  if (typeof value === "string") {
    return value === "" ? (
      <span className="font-mono text-muted">""</span>
    ) : (
      <span className="wrap-anywhere">{value}</span>
    );
  }
  if (typeof value === "number") {
    const iso = epochClaims.has(name) ? epochToIso(value) : null;
    return (
      <span className="flex flex-wrap items-baseline gap-x-3">
        <span className="font-mono tabular-nums">{value}</span>
        {iso ? (
          <time dateTime={iso} className="font-mono text-xs text-muted">
            {iso}
          </time>
        ) : null}
      </span>
    );
  }
  if (typeof value === "boolean" || value === null || value === undefined) {
    return <span className="font-mono text-link">{String(value)}</span>;
  }
  return (
    <pre className="font-mono text-xs leading-relaxed whitespace-pre-wrap wrap-anywhere">
      <code>{toJson(value)}</code>
    </pre>
  );
}

export interface ClaimsTableProps {
  claims: Record<string, unknown>;
  caption?: string;
}

/** Every claim as a row, keys sorted; values are rendered as text, never as HTML. */
export function ClaimsTable({ claims, caption }: ClaimsTableProps) {
  const keys = Object.keys(claims).sort();
  return (
    <div className="overflow-hidden rounded-xl border border-line bg-surface shadow-sm">
      <table
        data-testid="claims-table"
        aria-label={caption ? undefined : "Claims"}
        className="w-full border-collapse text-left text-sm"
      >
        {caption ? (
          <caption className="border-b border-line px-4 py-3 text-left text-sm font-semibold">
            {caption}
          </caption>
        ) : null}
        <thead className="bg-subtle text-xs tracking-wide text-muted uppercase">
          <tr>
            <th scope="col" className="w-1/4 px-4 py-2 font-medium">
              Claim
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Value
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {keys.length === 0 ? (
            <tr>
              <td colSpan={2} className="px-4 py-3 text-muted">
                No claims.
              </td>
            </tr>
          ) : (
            keys.map((key) => (
              <tr key={key} data-claim={key} className="align-top">
                <th scope="row" className="px-4 py-2.5 font-mono text-xs font-medium wrap-anywhere">
                  {key}
                </th>
                <td className="px-4 py-2.5">
                  <ClaimValue name={key} value={claims[key]} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
