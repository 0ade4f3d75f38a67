import { describeLocalSignOut } from "@idp-gallery/session";
import { Notice, ProfileCard, SignedOutHero, textLink } from "@idp-gallery/ui";
import { SignInButton } from "@idp-gallery/ui/client";
import Link from "next/link";
import { auth } from "~/auth.ts";
import { idp } from "~/idp.ts";

export default async function Home({ searchParams }: PageProps<"/">) {
  const session = await auth.getSession();
  const signedOut = describeLocalSignOut(
    String((await searchParams)["signed-out"] ?? ""),
    idp.name,
  );
  return (
    <>
      {signedOut && !session ? <Notice tone="warning">{signedOut}</Notice> : null}
      {session ? (
        <ProfileCard user={session.user} idpName={idp.name} expiresAt={session.expiresAt} />
      ) : (
        <SignedOutHero idpName={idp.name}>
          <SignInButton action="/auth/sign-in" method="get" idpName={idp.name} />
          {/* Passkeys are enrolled, not typed: new users register first. */}
          <p className="mt-4 text-sm text-muted">
            New here?{" "}
            <Link className={textLink} href="/register" data-testid="register-link">
              Register with your email
            </Link>
          </p>
        </SignedOutHero>
      )}
    </>
  );
}
