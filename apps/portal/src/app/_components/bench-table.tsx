import type { BenchResults } from "~/bench.ts";
import { formatDate, formatKb, formatMs } from "~/format.ts";
import { Panel } from "./section.tsx";
import { rowHeader, table, td, th } from "./styles.ts";

const ms = (n: number) => formatMs(n).replace(" ms", "");
const pair = (a?: number, b?: number, f: (n: number) => string = String) =>
  a === undefined || b === undefined ? "—" : `${f(a)} · ${f(b)}`;

/** The latest `pnpm bench` run (packages/bench/results/latest.json), as its README table shows it. */
export function BenchTable({ results }: { results: BenchResults }) {
  return (
    <Panel
      title={`pnpm bench, ${results.mode} run of ${formatDate(results.startedAt)}`}
      testId="bench-table"
    >
      <table className={table}>
        <thead>
          <tr>
            {[
              "App × IdP",
              "HTTP sign-in, ms (median · p95)",
              "Bare client, ms",
              "Ratio",
              "Browser sign-in, ms",
              "/api/me · /api/health (req/s)",
              "First-load JS / · /protected",
            ].map((heading) => (
              <th key={heading} scope="col" className={th}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {results.apps.map((app) => {
            const weight = (path: string) =>
              app.clientWeight?.find((w) => w.path === path)?.gzipBytes;
            return (
              <tr key={app.target} data-testid="bench-row" data-target={app.target}>
                <th scope="row" className={rowHeader}>
                  {app.target} <span className="font-normal text-muted">{app.idpName}</span>
                </th>
                <td className={`${td} tabular-nums`}>
                  {pair(app.httpSignIn?.app.median, app.httpSignIn?.app.p95, ms)}
                </td>
                <td className={`${td} tabular-nums`}>
                  {pair(app.httpSignIn?.bare.median, app.httpSignIn?.bare.p95, ms)}
                </td>
                <td className={`${td} tabular-nums`}>
                  {app.httpSignIn ? `${app.httpSignIn.ratio.toFixed(2)}×` : "—"}
                </td>
                <td className={`${td} tabular-nums`}>
                  {pair(app.browserSignIn?.median, app.browserSignIn?.p95, ms)}
                </td>
                <td className={`${td} tabular-nums`}>
                  {pair(
                    app.sessionCheck?.me.requestsPerSecond,
                    app.sessionCheck?.health.requestsPerSecond,
                    (n) => Math.round(n).toString(),
                  )}
                </td>
                <td className={`${td} tabular-nums`}>
                  {pair(weight("/"), weight("/protected"), formatKb)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {results.notMeasured.length ? (
        <ul className="border-t border-line px-4 py-3 text-xs text-muted">
          {results.notMeasured.map((n) => (
            <li key={n.target}>
              Not measured: <span className="font-mono">{n.target}</span>, {n.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
