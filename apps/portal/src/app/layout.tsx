import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "IdP Gallery · Portal",
  description:
    "The gallery's five apps side by side: live status, how to sign in, and measured facts.",
};

const nav = [
  { href: "#apps", label: "Apps" },
  { href: "#comparison", label: "Comparison" },
  { href: "#timelines", label: "Redirects" },
  { href: "#bench", label: "Bench" },
];

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <div className="flex min-h-dvh flex-col">
          <a
            href="#main"
            className="sr-only rounded-md bg-surface px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
          >
            Skip to content
          </a>
          <header className="border-b border-line bg-surface">
            <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
              <a href="/" className="flex items-baseline gap-2 rounded-md text-fg">
                <span className="text-sm font-medium text-muted">IdP Gallery</span>{" "}
                <span aria-hidden="true" className="text-muted">
                  ·
                </span>{" "}
                <span className="text-lg font-semibold tracking-tight">Portal</span>
              </a>
              <nav aria-label="Sections">
                <ul className="flex flex-wrap items-center gap-1 text-sm">
                  {nav.map((item) => (
                    <li key={item.href}>
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
            </div>
          </header>
          <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}
