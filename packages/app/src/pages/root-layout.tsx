import { AppShell } from "@idp-gallery/ui";
import { SignInButton, SignOutButton } from "@idp-gallery/ui/client";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import type { GalleryIdp } from "../gallery-idp.ts";
import { galleryPaths } from "./paths.ts";

export function layoutMetadata(idp: GalleryIdp): Metadata {
  return {
    title: `IdP Gallery · ${idp.name}`,
    description: `A Next.js app signing in with ${idp.name}.`,
  };
}

/** The shell of every page: the IdP's name, who is signed in, and the sign-in or sign-out control. */
export function createRootLayout(idp: GalleryIdp) {
  // biome-ignore lint/correctness/noComponentHookFactories: made once per app at module load, so React sees one stable component.
  return async function RootLayout({ children }: { children: ReactNode }) {
    const session = await idp.session.getSession();
    return (
      <html lang="en">
        <body>
          <AppShell
            idpName={idp.name}
            user={session?.user ?? null}
            actions={
              session ? (
                <SignOutButton action={galleryPaths.signOut} />
              ) : (
                <SignInButton action={galleryPaths.signIn} method="get" idpName={idp.name} />
              )
            }
          >
            {children}
          </AppShell>
        </body>
      </html>
    );
  };
}
