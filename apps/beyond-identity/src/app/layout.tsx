import { AppShell } from "@idp-gallery/ui";
import { SignInButton, SignOutButton } from "@idp-gallery/ui/client";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { auth } from "~/auth.ts";
import { idp } from "~/idp.ts";
import "./globals.css";

export const metadata: Metadata = {
  title: `IdP Gallery · ${idp.name}`,
  description: `A Next.js app signing in with ${idp.name}.`,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await auth.getSession();
  return (
    <html lang="en">
      <body>
        <AppShell
          idpName={idp.name}
          user={session?.user ?? null}
          actions={
            session ? (
              <SignOutButton action="/auth/sign-out" />
            ) : (
              <SignInButton action="/auth/sign-in" method="get" idpName={idp.name} />
            )
          }
        >
          {children}
        </AppShell>
      </body>
    </html>
  );
}
