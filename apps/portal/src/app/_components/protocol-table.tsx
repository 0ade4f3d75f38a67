import { type Column, protocolRows } from "~/comparison.ts";
import { IdpColumnsHead } from "./idp-columns-head.tsx";
import { Panel } from "./section.tsx";
import { rowHeader, table, td } from "./styles.ts";

/** What each IdP's discovery document says, read during its app's e2e run. */
export function ProtocolTable(props: { columns: Column[] }) {
  const rows = protocolRows(props.columns.map((c) => c.facts));
  const notes = props.columns.flatMap((c) =>
    c.facts.protocol?.note ? [`${c.entry.idpName}: ${c.facts.protocol.note}`] : [],
  );
  return (
    <Panel title="IdP protocol, from each discovery document" testId="protocol-table">
      <table className={table}>
        <IdpColumnsHead label="Fact" columns={props.columns} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid="protocol-row" data-field={row.key}>
              <th scope="row" className={rowHeader}>
                {row.label}
              </th>
              {row.values.map((value, i) => (
                <td
                  key={props.columns[i]?.entry.id}
                  data-idp={props.columns[i]?.entry.id}
                  className={`${td} font-mono text-xs wrap-anywhere`}
                >
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {notes.map((note) => (
        <p key={note} className="border-t border-line px-4 py-2 text-xs text-muted">
          {note}
        </p>
      ))}
    </Panel>
  );
}
