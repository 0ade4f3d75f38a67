import { describeLocalSignOut } from "@idp-gallery/session";
import { Notice, ProfileCard, SignedOutHero } from "@idp-gallery/ui";
import { SignInButton } from "@idp-gallery/ui/client";
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
        </SignedOutHero>
      )}
    </>
  );
}
