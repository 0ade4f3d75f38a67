import type { ReactNode } from "react";
import { textLink } from "./class-names.ts";

export interface SignedOutHeroProps {
  idpName: string;
  /** The sign-in button. */
  children: ReactNode;
  /** Where new users enrol first, when the IdP has no sign-up of its own (passkeys). */
  signUp?: { href: string; label: string };
}

/** The anonymous home page: what this app demonstrates, and where to sign in. */
export function SignedOutHero({ idpName, children, signUp }: SignedOutHeroProps) {
  return (
    <section data-testid="signed-out-hero" className="mx-auto max-w-2xl py-8 text-center sm:py-16">
      <p className="text-sm font-semibold tracking-wider text-link uppercase">IdP Gallery</p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight text-balance sm:text-4xl">
        Sign in with {idpName}
      </h1>
      <p className="mt-4 text-base text-pretty text-muted">
        One of five identical Next.js apps, each signing in with a different identity provider. This
        one uses {idpName}.
      </p>
      <ul className="mx-auto mt-6 max-w-md space-y-2 text-left text-sm text-muted">
        <li className="flex gap-2">
          <span aria-hidden="true" className="text-link">
            →
          </span>
          The profile this app builds from {idpName}: name, email and subject.
        </li>
        <li className="flex gap-2">
          <span aria-hidden="true" className="text-link">
            →
          </span>
          Every claim {idpName} returned, as it sent them.
        </li>
        <li className="flex gap-2">
          <span aria-hidden="true" className="text-link">
            →
          </span>
          A protected page and a protected API route, /api/me.
        </li>
      </ul>
      <div className="mt-8 flex justify-center">{children}</div>
      {signUp ? (
        <p className="mt-4 text-sm text-muted">
          New here?{" "}
          <a className={textLink} href={signUp.href} data-testid="sign-up-link">
            {signUp.label}
          </a>
        </p>
      ) : null}
    </section>
  );
}
