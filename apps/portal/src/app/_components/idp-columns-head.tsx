import type { Column } from "~/comparison.ts";
import { labelTh, th } from "./styles.ts";

/** The header row of a comparison table: what the rows are, then one column per IdP. */
export function IdpColumnsHead(props: { label: string; columns: Column[] }) {
  return (
    <thead>
      <tr>
        <th scope="col" className={labelTh}>
          {props.label}
        </th>
        {props.columns.map((c) => (
          <th key={c.entry.id} scope="col" className={th}>
            {c.entry.idpName}
          </th>
        ))}
      </tr>
    </thead>
  );
}
