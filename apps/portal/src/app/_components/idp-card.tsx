import type { TargetFacts } from "@idp-gallery/e2e/facts";
import { contractSummary } from "~/comparison.ts";
import { howToSignIn } from "~/credentials.ts";
import { formatDate } from "~/format.ts";
import type { GalleryEntry } from "~/gallery.ts";
import type { Liveness } from "~/status.ts";
import { StatusPill } from "./status-pill.tsx";
import { card, link } from "./styles.ts";

export interface IdpCardProps {
  entry: GalleryEntry;
  status: { app: Liveness; idp: Liveness };
  facts: TargetFacts | null;
  readmeHref: string;
}

/** One app and its IdP: live status, how to sign in, links, and the last e2e run's verdict. */
export function IdpCard({ entry, status, facts, readmeHref }: IdpCardProps) {
  const summary = facts ? contractSummary(facts) : null;
  return (
    <article
      data-testid="idp-card"
      data-idp={entry.id}
      className={`${card} flex flex-col gap-4 p-5`}
    >
      <header>
        <h3 className="text-lg font-semibold tracking-tight">{entry.idpName}</h3>
        <p className="mt-1 text-sm text-muted">{entry.summary}</p>
      </header>
      <div className="flex flex-wrap gap-2">
        <StatusPill label="App" liveness={status.app} testId="app-status" />
        <StatusPill label="IdP" liveness={status.idp} testId="idp-status" />
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        <dt className="text-muted">App</dt>
        <dd>
          <a href={entry.appUrl} className={link}>
            {entry.appUrl.replace(/^https?:\/\//, "")}
          </a>
        </dd>
        <dt className="text-muted">IdP</dt>
        <dd className="font-mono text-xs leading-5 wrap-anywhere">{entry.idpUrl}</dd>
        <dt className="text-muted">Sign in</dt>
        <dd data-testid="sign-in-how">
          {howToSignIn(entry).map((line) => (
            <span key={line} className="block font-mono text-xs leading-5">
              {line}
            </span>
          ))}
        </dd>
        <dt className="text-muted">Contract</dt>
        <dd data-testid="contract-summary">
          {summary ? (
            <>
              {summary.passed} / {summary.total} passed{" "}
              <span className="text-muted">· e2e {formatDate(facts?.generatedAt ?? "")}</span>
            </>
          ) : (
            <span className="text-muted">no e2e facts yet</span>
          )}
        </dd>
      </dl>
      <p className="mt-auto flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <a href={entry.appUrl} className={link}>
          Open the app
        </a>
        <a href={readmeHref} className={link}>
          {entry.readme}
        </a>
      </p>
    </article>
  );
}
