import { describeAuthError } from "@idp-gallery/session";
import { ErrorPanel } from "@idp-gallery/ui";
import type { GalleryIdp } from "../gallery-idp.ts";
import { galleryPaths, type SearchParamsProps, searchParam } from "./paths.ts";

/** `/auth/error`: the app's own error page, naming the IdP, with a way to try again. */
export function createAuthErrorPage(idp: GalleryIdp) {
  // biome-ignore lint/correctness/noComponentHookFactories: made once per app at module load, so React sees one stable component.
  return async function AuthErrorPage(props: SearchParamsProps) {
    const error = describeAuthError(await searchParam(props, "error"), idp.name);
    return (
      <ErrorPanel
        idpName={idp.name}
        title={error.title}
        message={error.message}
        code={error.code}
        retryHref={galleryPaths.signIn}
      />
    );
  };
}
