// Shared so server links and client buttons look identical; full literals keep Tailwind's scanner happy.
const button =
  "inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-semibold shadow-sm transition-colors disabled:cursor-progress disabled:opacity-70";

/** Filled accent button, for the one main action on a screen. */
export const primaryButton = `${button} bg-accent text-accent-fg hover:bg-accent-strong`;

/** Outlined button, for secondary actions such as sign-out. */
export const secondaryButton = `${button} border border-line bg-surface text-fg hover:bg-subtle`;

/** Inline text link. */
export const textLink =
  "rounded-sm font-medium text-link underline decoration-accent-line underline-offset-4 hover:decoration-current";
