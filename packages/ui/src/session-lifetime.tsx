import { formatDateTime } from "./format.ts";

export interface SessionLifetimeProps {
  idpName: string;
  /** ISO date of the sign-in. */
  signedInAt: string;
  /** ISO date the session ends at the latest (its absolute lifetime). */
  endsAt: string;
  /** The idle timeout. */
  idleSeconds: number;
  /** Whether the app renews the IdP's access token with a refresh token. */
  refreshable: boolean;
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** How long this session lasts and how its tokens stay valid: what a user comparing IdPs asks. */
export function SessionLifetime(props: SessionLifetimeProps) {
  const { idpName, signedInAt, endsAt, idleSeconds, refreshable } = props;
  return (
    <section
      data-testid="session-lifetime"
      className="rounded-xl border border-line bg-surface p-6 text-sm shadow-sm"
    >
      <h2 className="font-semibold">This session</h2>
      <dl className="mt-4 grid gap-4 sm:grid-cols-3">
        <div>
          <dt className="text-muted">Signed in</dt>
          <dd className="mt-1 font-medium">
            <time dateTime={signedInAt}>{formatDateTime(signedInAt)}</time>
          </dd>
        </div>
        <div>
          <dt className="text-muted">Ends at the latest</dt>
          <dd className="mt-1 font-medium">
            <time dateTime={endsAt}>{formatDateTime(endsAt)}</time>
          </dd>
        </div>
        <div>
          <dt className="text-muted">Ends sooner if unused for</dt>
          <dd className="mt-1 font-medium">{duration(idleSeconds)}</dd>
        </div>
      </dl>
      <p data-testid="session-refresh" className="mt-4 text-muted">
        {refreshable
          ? `The app renews ${idpName}'s access token with its refresh token shortly before it expires; if ${idpName} refuses, the session ends.`
          : `${idpName} gave this session no refresh token, so its access token is not renewed: calls to ${idpName}'s APIs work until that token expires.`}
      </p>
    </section>
  );
}
