import { toJson } from "./format.ts";

export interface JsonPanelProps {
  title: string;
  data: unknown;
}

/** A titled, pretty-printed JSON block for IdP-specific extras (userinfo, SCIM resources…). */
export function JsonPanel({ title, data }: JsonPanelProps) {
  return (
    <section
      data-testid="json-panel"
      className="overflow-hidden rounded-xl border border-line bg-surface shadow-sm"
    >
      <h2 className="border-b border-line px-4 py-3 text-sm font-semibold">{title}</h2>
      {/* Wrapped rather than scrolled, so no region needs keyboard scrolling. */}
      <pre className="bg-subtle px-4 py-3 font-mono text-xs leading-relaxed whitespace-pre-wrap wrap-anywhere">
        <code>{toJson(data)}</code>
      </pre>
    </section>
  );
}
