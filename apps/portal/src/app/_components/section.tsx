import type { ReactNode } from "react";

/** A titled part of the page, reachable from the header's links. */
export function Section(props: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-title`} className="mt-12 first:mt-0">
      <h2 id={`${props.id}-title`} className="text-xl font-bold tracking-tight">
        {props.title}
      </h2>
      {props.intro ? <div className="mt-1 max-w-3xl text-sm text-muted">{props.intro}</div> : null}
      <div className="mt-4 space-y-6">{props.children}</div>
    </section>
  );
}

/** A bordered box with a small heading, for one table or chart. */
export function Panel(props: { title: string; testId?: string; children: ReactNode }) {
  return (
    <div
      data-testid={props.testId}
      className="overflow-hidden rounded-xl border border-line bg-surface shadow-sm"
    >
      <h3 className="border-b border-line px-4 py-3 text-sm font-semibold">{props.title}</h3>
      <div className="overflow-x-auto">{props.children}</div>
    </div>
  );
}
