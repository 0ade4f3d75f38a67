import type { ReactNode } from "react";

export type NoticeTone = "info" | "warning";

export interface NoticeProps {
  tone: NoticeTone;
  title?: string;
  children: ReactNode;
}

const tones: Record<NoticeTone, { box: string; icon: string; path: string }> = {
  info: {
    box: "border-accent-line bg-accent-soft text-fg",
    icon: "text-link",
    path: "M12 16v-4m0-4h.01M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0Z",
  },
  warning: {
    box: "border-warning-line bg-warning-soft text-warning-fg",
    icon: "text-warning-fg",
    path: "M12 9v4m0 4h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z",
  },
};

/** An inline callout, e.g. that the IdP session outlives the app's sign-out. */
export function Notice({ tone, title, children }: NoticeProps) {
  const style = tones[tone];
  return (
    <div
      role="note"
      data-testid="notice"
      data-tone={tone}
      className={`flex gap-3 rounded-lg border p-4 text-sm ${style.box}`}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        className={`mt-0.5 size-4 shrink-0 ${style.icon}`}
      >
        <path d={style.path} />
      </svg>
      <div className="min-w-0">
        {title ? <p className="font-semibold">{title}</p> : null}
        <div className={title ? "mt-1" : undefined}>{children}</div>
      </div>
    </div>
  );
}
