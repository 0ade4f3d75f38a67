import { describeLocalSignOut } from "@idp-gallery/session";
import { Notice, ProfileCard, SignedOutHero } from "@idp-gallery/ui";
import { SignInButton } from "@idp-gallery/ui/client";
import type { GalleryIdp } from "../gallery-idp.ts";
import { galleryPaths, type SearchParamsProps, searchParam } from "./paths.ts";

/** `/`: the profile when signed in; otherwise what the app shows and its sign-in button. */
export function createHomePage(idp: GalleryIdp) {
  // biome-ignore lint/correctness/noComponentHookFactories: made once per app at module load, so React sees one stable component.
  return async function HomePage(props: SearchParamsProps) {
    const [session, reason] = await Promise.all([
      idp.session.getSession(),
      searchParam(props, "signed-out"),
    ]);
    const signedOut = describeLocalSignOut(reason ?? "", idp.name);
    return (
      <>
        {signedOut && !session ? <Notice tone="warning">{signedOut}</Notice> : null}
        {session ? (
          <ProfileCard user={session.user} idpName={idp.name} expiresAt={session.expiresAt} />
        ) : (
          <SignedOutHero idpName={idp.name} signUp={idp.signUp}>
            <SignInButton action={galleryPaths.signIn} method="get" idpName={idp.name} />
          </SignedOutHero>
        )}
      </>
    );
  };
}
