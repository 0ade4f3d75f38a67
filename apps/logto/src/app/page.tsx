import { describeLocalSignOut } from "@idp-gallery/session";
import { Notice, ProfileCard, SignedOutHero } from "@idp-gallery/ui";
import { SignInButton } from "@idp-gallery/ui/client";
import { getSession } from "~/auth.ts";
import { idp } from "~/idp.ts";
import { signInAction } from "./actions.ts";

export default async function Home({ searchParams }: PageProps<"/">) {
  const session = await getSession();
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
          <SignInButton action={signInAction} idpName={idp.name} />
        </SignedOutHero>
      )}
    </>
  );
}
