import { AppShell } from "@idp-gallery/ui";
import { SignInButton } from "@idp-gallery/ui/client";
import type { ReactNode } from "react";
import { idpName } from "./session-data";
import "./globals.css";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AppShell
          idpName={idpName}
          user={null}
          actions={<SignInButton action="/auth/sign-in" method="get" idpName={idpName} />}
        >
          {children}
        </AppShell>
      </body>
    </html>
  );
}
