import type { Liveness } from "~/status.ts";

/** "App up · 12 ms" or "IdP down · not running", with `data-state` for tests. */
export function StatusPill(props: { label: string; liveness: Liveness; testId: string }) {
  const { liveness } = props;
  const up = liveness.state === "up";
  return (
    <span
      data-testid={props.testId}
      data-state={liveness.state}
      className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium ${
        up ? "border-line bg-surface text-fg" : "border-danger-line bg-danger-soft text-danger-fg"
      }`}
    >
      <span
        aria-hidden="true"
        className={`size-2 shrink-0 rounded-full ${up ? "bg-success" : "bg-danger-fg"}`}
      />
      {props.label} {up ? "up" : "down"}
      <span className={up ? "text-muted" : "font-normal"}>
        · {up ? `${liveness.ms} ms` : liveness.reason}
      </span>
    </span>
  );
}
