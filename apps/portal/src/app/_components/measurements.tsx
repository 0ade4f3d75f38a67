import type { ReactNode } from "react";
import {
  type Column,
  cookieBytes,
  firstLoadGzip,
  partyCounts,
  redirectCount,
} from "~/comparison.ts";
import { formatBytes, formatDate, formatKb, formatMs } from "~/format.ts";
import { BarChart } from "./bar-chart.tsx";
import { IdpColumnsHead } from "./idp-columns-head.tsx";
import { Panel } from "./section.tsx";
import { rowHeader, table, td } from "./styles.ts";

const notMeasured = <span className="text-muted">not measured</span>;

type Row = { label: ReactNode; cell: (c: Column) => ReactNode };

const rows: Row[] = [
  {
    label: "Sign-in: click → signed-in page loaded",
    cell: (c) =>
      c.facts.measurements ? (
        <span data-testid="sign-in-ms" data-idp={c.entry.id} className="tabular-nums">
          {formatMs(c.facts.measurements.signIn.ms)}
        </span>
      ) : (
        notMeasured
      ),
  },
  {
    label: "Redirects during sign-in",
    cell: (c) => {
      const m = c.facts.measurements;
      if (!m) return notMeasured;
      const parties = partyCounts(m.timeline);
      return (
        <>
          <span data-testid="redirects" data-idp={c.entry.id} className="tabular-nums">
            {redirectCount(m.timeline)}
          </span>
          <span className="block text-xs text-muted">
            {m.timeline.length} requests: {parties.app ?? 0} app, {parties.idp ?? 0} IdP
          </span>
        </>
      );
    },
  },
  {
    label: "App cookies after sign-in",
    cell: (c) =>
      c.facts.measurements ? (
        <ul className="space-y-0.5">
          {c.facts.measurements.cookies.map((cookie) => (
            <li key={cookie.name} data-testid="cookie" data-idp={c.entry.id} className="text-xs">
              <span className="font-mono wrap-anywhere">{cookie.name}</span>{" "}
              <span className="text-muted tabular-nums">{formatBytes(cookie.bytes)}</span>
            </li>
          ))}
        </ul>
      ) : (
        notMeasured
      ),
  },
  {
    label: "Cookie bytes (name + value)",
    cell: (c) =>
      c.facts.measurements ? (
        <span data-testid="cookie-bytes" data-idp={c.entry.id} className="tabular-nums">
          {formatBytes(cookieBytes(c.facts.measurements.cookies))}
        </span>
      ) : (
        notMeasured
      ),
  },
  ...["/", "/protected"].map(
    (path): Row => ({
      label: (
        <>
          First-load JS <code className="font-mono text-xs">{path}</code> (gzip)
        </>
      ),
      cell: (c) => {
        const gzip = firstLoadGzip(c.facts, path);
        return gzip === null ? (
          notMeasured
        ) : (
          <span data-testid="first-load" data-idp={c.entry.id} data-path={path}>
            {formatKb(gzip)}
          </span>
        );
      },
    }),
  ),
  {
    label: "Measured",
    cell: (c) => (
      <span className="text-xs text-muted">
        {formatDate(c.facts.generatedAt)}
        {c.facts.measurements ? (
          <span className="block">{c.facts.measurements.browser}</span>
        ) : null}
      </span>
    ),
  },
];

/** Sign-in time, redirects, cookies and first-load JS per app, with bars where they read better. */
export function Measurements(props: { columns: Column[] }) {
  const measured = props.columns.filter((c) => c.facts.measurements);
  const bars = (value: (c: Column) => number | null, text: (n: number) => string) =>
    props.columns.flatMap((c) => {
      const n = value(c);
      return n === null ? [] : [{ label: c.entry.idpName, value: n, text: text(n) }];
    });
  return (
    <>
      <Panel
        title="Measured in each app's last e2e run (production build, Chromium)"
        testId="measurements"
      >
        <table className={table}>
          <IdpColumnsHead label="Measure" columns={props.columns} />
          <tbody>
            {rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the rows are a fixed list.
              <tr key={i}>
                <th scope="row" className={rowHeader}>
                  {row.label}
                </th>
                {props.columns.map((c) => (
                  <td key={c.entry.id} className={`${td} wrap-anywhere`}>
                    {row.cell(c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      {measured.length ? (
        <div className="grid gap-6 lg:grid-cols-3">
          <Panel title="Sign-in time">
            <BarChart
              title="click → signed-in page loaded"
              testId="chart-sign-in"
              bars={bars((c) => c.facts.measurements?.signIn.ms ?? null, formatMs)}
            />
          </Panel>
          <Panel title="Cookie bytes">
            <BarChart
              title="the app's cookies after sign-in"
              testId="chart-cookies"
              bars={bars(
                (c) => (c.facts.measurements ? cookieBytes(c.facts.measurements.cookies) : null),
                formatBytes,
              )}
            />
          </Panel>
          <Panel title="First-load JS">
            <BarChart
              title="/protected, gzip"
              testId="chart-first-load"
              bars={bars((c) => firstLoadGzip(c.facts, "/protected"), formatKb)}
            />
          </Panel>
        </div>
      ) : null}
    </>
  );
}
