import type { ReactNode } from "react";
import { SessionBadge, type SessionUser } from "./session-badge.tsx";

export interface NavItem {
  href: string;
  label: string;
}

/** The links every gallery app has. */
export const defaultNav: readonly NavItem[] = [
  { href: "/", label: "Home" },
  { href: "/protected", label: "Protected" },
  { href: "/api/me", label: "/api/me" },
];

export interface AppShellProps {
  idpName: string;
  appTitle?: string;
  user: SessionUser | null;
  nav?: readonly NavItem[];
  actions?: ReactNode;
  children: ReactNode;
}

/** Page chrome: a header naming the IdP, the nav, the session and the app's sign-in/out action. */
export function AppShell({
  idpName,
  appTitle = "IdP Gallery",
  user,
  nav = defaultNav,
  actions,
  children,
}: AppShellProps) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-surface px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
          <a
            href="/"
            data-testid="app-title"
            className="flex items-baseline gap-2 rounded-md text-fg"
          >
            <span className="text-sm font-medium text-muted">{appTitle}</span>{" "}
            <span aria-hidden="true" className="text-muted">
              ·
            </span>{" "}
            <span className="text-lg font-semibold tracking-tight">{idpName}</span>
          </a>
          <nav aria-label="Main">
            <ul className="flex flex-wrap items-center gap-1 text-sm">
              {nav.map((item) => (
                <li key={item.href}>
                  {/* Plain links: every page load re-reads the session cookie on the server. */}
                  <a
                    href={item.href}
                    className="block rounded-md px-2.5 py-1.5 font-medium text-muted transition-colors hover:bg-subtle hover:text-fg"
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ms-auto flex items-center gap-4">
            <SessionBadge user={user} />
            {actions}
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
        {children}
      </main>
    </div>
  );
}
