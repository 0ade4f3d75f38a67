import { ClaimsTable, JsonPanel, Notice, ProfileCard, SessionLifetime } from "@idp-gallery/ui";
import { redirect } from "next/navigation";
import type { GalleryIdp, IdpExtra } from "../gallery-idp.ts";
import { galleryPaths } from "./paths.ts";

type LoadedExtra =
  | { ok: true; title: string; data: unknown }
  | { ok: false; title: string; message: string };

// One failing panel is shown as a notice; the page and the other panels still render.
function loadExtra(extra: IdpExtra): Promise<LoadedExtra> {
  return extra.load().then(
    (data) => ({ ok: true, title: extra.title, data }),
    (error: unknown) => ({
      ok: false,
      title: extra.title,
      message: error instanceof Error ? error.message : String(error),
    }),
  );
}

/** `/protected`: the profile, every claim, and what the IdP adds (its APIs, called on the server). */
export function createProtectedPage(idp: GalleryIdp) {
  // biome-ignore lint/correctness/noComponentHookFactories: made once per app at module load, so React sees one stable component.
  return async function ProtectedPage() {
    const [session, claims, details] = await Promise.all([
      idp.session.getSession(),
      idp.session.getClaims(),
      idp.session.getSessionDetails?.() ?? null,
    ]);
    // The proxy may gate this page already; checking here keeps it safe whatever the matcher says.
    if (!session || !claims) {
      redirect(`${galleryPaths.signIn}?callbackUrl=${galleryPaths.protected}`);
    }
    const extras = await Promise.all((idp.extras?.(claims) ?? []).map(loadExtra));
    return (
      <>
        <ProfileCard user={session.user} idpName={idp.name} expiresAt={session.expiresAt} />
        {details && <SessionLifetime idpName={idp.name} {...details} />}
        <ClaimsTable
          claims={claims}
          caption={idp.claimsCaption ?? `ID token claims from ${idp.name}`}
        />
        {extras.map((extra) =>
          extra.ok ? (
            <JsonPanel key={extra.title} title={extra.title} data={extra.data} />
          ) : (
            <Notice key={extra.title} tone="warning" title={`Could not load data from ${idp.name}`}>
              {extra.title}: {extra.message}
            </Notice>
          ),
        )}
      </>
    );
  };
}
