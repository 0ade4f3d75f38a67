import { formatDateTime } from "./format.ts";

export interface ProfileUser {
  id: string;
  name: string;
  email: string;
}

export interface ProfileCardProps {
  user: ProfileUser;
  idpName: string;
  /** ISO date the app session ends. */
  expiresAt: string;
}

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0] ?? "");
  return (
    letters.length > 1 ? `${letters[0]}${letters.at(-1)}` : (letters[0] ?? "?")
  ).toUpperCase();
}

/** The normalized user every app derives from its IdP, with the session expiry. */
export function ProfileCard({ user, idpName, expiresAt }: ProfileCardProps) {
  return (
    <section
      data-testid="profile-card"
      className="rounded-xl border border-line bg-surface p-6 shadow-sm"
    >
      <div className="flex items-center gap-4">
        <span
          aria-hidden="true"
          className="grid size-12 shrink-0 place-items-center rounded-full bg-accent-soft text-lg font-semibold text-link"
        >
          {initials(user.name)}
        </span>
        <div className="min-w-0">
          <h2 data-testid="profile-name" className="truncate text-lg font-semibold">
            {user.name}
          </h2>
          <p data-testid="profile-email" className="truncate text-sm text-muted">
            {user.email || "No email address shared"}
          </p>
        </div>
      </div>
      <dl className="mt-6 grid gap-4 border-t border-line pt-6 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-muted">Identity provider</dt>
          <dd className="mt-1 font-medium">{idpName}</dd>
        </div>
        <div>
          <dt className="text-muted">Subject (sub)</dt>
          <dd data-testid="profile-id" className="mt-1 font-mono text-xs wrap-anywhere">
            {user.id}
          </dd>
        </div>
        <div>
          <dt className="text-muted">Session expires</dt>
          <dd className="mt-1 font-medium">
            <time data-testid="profile-expires" dateTime={expiresAt}>
              {formatDateTime(expiresAt)}
            </time>
          </dd>
        </div>
      </dl>
    </section>
  );
}
