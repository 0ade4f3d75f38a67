/** The signed-in user as the header shows it. */
export interface SessionUser {
  name: string;
  email: string;
}

export interface SessionBadgeProps {
  user: SessionUser | null;
}

/** "Signed in as …" with the email, or "Signed out"; `data-state` lets tests tell them apart. */
export function SessionBadge({ user }: SessionBadgeProps) {
  if (!user) {
    return (
      <p
        data-testid="session-badge"
        data-state="signed-out"
        className="flex items-center gap-2 text-sm text-muted"
      >
        <span aria-hidden="true" className="size-2 rounded-full bg-line" />
        Signed out
      </p>
    );
  }
  return (
    <p
      data-testid="session-badge"
      data-state="signed-in"
      className="flex items-center gap-2 text-sm"
    >
      <span aria-hidden="true" className="size-2 shrink-0 rounded-full bg-success" />
      <span className="flex min-w-0 flex-col leading-tight">
        <span>
          Signed in as <strong className="font-semibold">{user.name}</strong>
        </span>{" "}
        {user.email ? <span className="truncate text-xs text-muted">{user.email}</span> : null}
      </span>
    </p>
  );
}
