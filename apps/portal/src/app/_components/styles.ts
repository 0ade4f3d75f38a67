// Full class literals, so Tailwind's scanner finds them.
export const link =
  "rounded-sm font-medium text-link underline decoration-accent-line underline-offset-4 hover:decoration-current";

export const card = "rounded-xl border border-line bg-surface shadow-sm";

/** A comparison table: a label column, then one equal column per IdP (scrolls on narrow screens). */
export const table = "w-full min-w-[60rem] table-fixed border-collapse text-left text-sm";

/** The comparison tables' first header cell, which sets the label column's width. */
export const labelTh =
  "w-52 border-b border-line bg-subtle px-3 py-2 text-xs font-semibold tracking-wide text-muted uppercase";

export const th =
  "border-b border-line bg-subtle px-3 py-2 text-xs font-semibold tracking-wide text-muted uppercase";

export const td = "border-b border-line px-3 py-2 align-top";

export const rowHeader = "border-b border-line px-3 py-2 align-top font-medium";
