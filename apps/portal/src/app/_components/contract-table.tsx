import { type Column, type ContractCell, contractRows, contractSummary } from "~/comparison.ts";
import type { FactsFile } from "~/facts.ts";
import { IdpColumnsHead } from "./idp-columns-head.tsx";
import { Panel } from "./section.tsx";
import { rowHeader, table, td } from "./styles.ts";

const LOOK: Record<ContractCell["status"], { mark: string; text: string; className: string }> = {
  passed: { mark: "✓", text: "passed", className: "text-fg" },
  failed: { mark: "✗", text: "failed", className: "font-semibold text-danger-fg" },
  "timed-out": { mark: "✗", text: "timed out", className: "font-semibold text-danger-fg" },
  interrupted: { mark: "✗", text: "interrupted", className: "text-danger-fg" },
  skipped: { mark: "–", text: "skipped", className: "text-muted" },
  "not-supported": { mark: "○", text: "not supported", className: "text-warning-fg" },
  "not-run": { mark: "–", text: "not run", className: "text-muted" },
};

/** Contract case × IdP: each app's last e2e run, with what its IdP does not support. */
export function ContractTable(props: { columns: Column[]; variants: FactsFile[] }) {
  const rows = contractRows(props.columns.map((c) => c.facts));
  return (
    <Panel title="Sign-in contract, last e2e run per app" testId="contract-table">
      <table className={table}>
        <IdpColumnsHead label="Case" columns={props.columns} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className={rowHeader}>
                {row.id} <span className="font-normal text-muted">{row.name}</span>
              </th>
              {row.cells.map((cell, i) => (
                <ContractCellView
                  key={props.columns[i]?.entry.id}
                  idp={props.columns[i]?.entry.id}
                  id={row.id}
                  cell={cell}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {props.variants.length ? (
        <p className="border-t border-line px-4 py-3 text-sm text-muted">
          Also run:{" "}
          {props.variants.map((v, i) => {
            const s = contractSummary(v.facts);
            return (
              <span key={v.target} data-testid="variant" data-target={v.target}>
                {i ? ", " : ""}
                <span className="font-mono text-xs text-fg">{v.target}</span> {s.passed} / {s.total}{" "}
                passed
              </span>
            );
          })}
          .
        </p>
      ) : null}
    </Panel>
  );
}

function ContractCellView(props: { idp?: string; id: string; cell: ContractCell }) {
  const look = LOOK[props.cell.status];
  return (
    <td
      data-testid="contract-cell"
      data-idp={props.idp}
      data-case={props.id}
      data-status={props.cell.status}
      className={`${td}`}
    >
      <span className={look.className}>
        <span aria-hidden="true">{look.mark}</span> {look.text}
      </span>
      {props.cell.notes.map((note) => (
        <span key={note} className="mt-0.5 block text-xs text-warning-fg">
          not supported: {note}
        </span>
      ))}
    </td>
  );
}
