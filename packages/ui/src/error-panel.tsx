import { primaryButton, secondaryButton } from "./class-names.ts";

export interface ErrorPanelProps {
  idpName: string;
  title: string;
  message: string;
  retryHref: string;
  retryLabel?: string;
  code?: string;
}

/** The body of an app's error page: what went wrong with which IdP, and a way to try again. */
export function ErrorPanel({
  idpName,
  title,
  message,
  retryHref,
  retryLabel = "Try again",
  code,
}: ErrorPanelProps) {
  return (
    <section
      role="alert"
      data-testid="auth-error"
      className="mx-auto max-w-xl rounded-xl border border-danger-line bg-danger-soft p-6 sm:p-8"
    >
      <h1 className="text-xl font-semibold tracking-tight text-danger-fg">{title}</h1>
      <p className="mt-2 text-sm font-medium text-danger-fg">
        Something went wrong while signing in with {idpName}.
      </p>
      <p className="mt-3 text-pretty">{message}</p>
      <div className="mt-6 flex flex-wrap gap-3">
        <a href={retryHref} className={primaryButton}>
          {retryLabel}
        </a>
        <a href="/" className={secondaryButton}>
          Back to home
        </a>
      </div>
      {code ? (
        <p className="mt-6 text-xs text-muted">
          Error code: <code className="font-mono">{code}</code>
        </p>
      ) : null}
    </section>
  );
}
