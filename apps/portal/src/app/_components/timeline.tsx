import type { TimelineEntry } from "@idp-gallery/e2e/facts";
import { type Column, redirectCount } from "~/comparison.ts";
import { formatMs } from "~/format.ts";
import { Panel } from "./section.tsx";

const WIDTH = 640;
const LEFT = 44;
const ROWS: Record<TimelineEntry["party"], number> = { app: 18, idp: 46, other: 74 };
const PARTY = {
  app: { label: "app", dot: "fill-accent", badge: "bg-accent-soft text-link" },
  idp: { label: "IdP", dot: "fill-success", badge: "bg-subtle text-fg" },
  other: { label: "other", dot: "fill-muted", badge: "bg-subtle text-muted" },
} as const;

/** The sign-in's main-frame requests as they went back and forth between the app and the IdP. */
export function Timeline({ column }: { column: Column }) {
  const m = column.facts.measurements;
  if (!m) return null;
  const total = Math.max(m.signIn.ms, ...m.timeline.map((e) => e.atMs), 1);
  const x = (ms: number) => LEFT + (ms / total) * (WIDTH - LEFT - 8);
  const points = m.timeline.map((e) => `${x(e.atMs)},${ROWS[e.party]}`).join(" ");
  const hasOther = m.timeline.some((e) => e.party === "other");
  const parties: TimelineEntry["party"][] = hasOther ? ["app", "idp", "other"] : ["app", "idp"];
  const height = hasOther ? 92 : 64;
  return (
    <Panel
      title={`${column.entry.idpName}: ${m.timeline.length} requests, ${redirectCount(m.timeline)} redirects, ${formatMs(m.signIn.ms)}`}
      testId="timeline"
    >
      <div data-idp={column.entry.id} className="px-4 py-3">
        <svg
          role="img"
          aria-label={`Requests over ${formatMs(m.signIn.ms)}, alternating between the app and the IdP`}
          viewBox={`0 0 ${WIDTH} ${height}`}
          className="w-full max-w-3xl"
        >
          {parties.map((party) => (
            <g key={party}>
              <text x={0} y={ROWS[party] + 4} className="fill-muted text-[11px]">
                {PARTY[party].label}
              </text>
              <line
                x1={LEFT}
                x2={WIDTH - 8}
                y1={ROWS[party]}
                y2={ROWS[party]}
                className="stroke-line"
                strokeWidth={1}
              />
            </g>
          ))}
          <polyline points={points} fill="none" className="stroke-accent-line" strokeWidth={1.5} />
          {m.timeline.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries are in request order and never move.
            <circle key={i} cx={x(e.atMs)} cy={ROWS[e.party]} r={4} className={PARTY[e.party].dot}>
              <title>{`+${e.atMs} ms ${e.method} ${e.path} → ${e.status ?? "no response"}`}</title>
            </circle>
          ))}
        </svg>
        <ol className="mt-3 space-y-1 text-xs">
          {m.timeline.map((e, i) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: entries are in request order and never move.
              key={i}
              data-testid="timeline-entry"
              className="grid grid-cols-[4.5rem_3rem_3.5rem_1fr_2.5rem] items-baseline gap-2"
            >
              <span className="text-right text-muted tabular-nums">+{e.atMs} ms</span>
              <span className={`rounded px-1.5 text-center font-medium ${PARTY[e.party].badge}`}>
                {PARTY[e.party].label}
              </span>
              <span className="font-mono text-muted">
                {e.kind === "server-action" ? "action" : e.method}
              </span>
              <span className="font-mono wrap-anywhere">{e.path}</span>
              <span className="font-mono tabular-nums">{e.status ?? "—"}</span>
            </li>
          ))}
        </ol>
      </div>
    </Panel>
  );
}
