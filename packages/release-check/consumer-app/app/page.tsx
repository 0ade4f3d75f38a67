import { normalizeSession, safeRedirectPath } from "@idp-gallery/session";
import { ClaimsTable, ProfileCard } from "@idp-gallery/ui";
import { appOrigin, claims, expiresAt, idpName } from "./session-data";

// Rendered per request, so the check exercises `next start`, not a prerendered file.
export const dynamic = "force-dynamic";

export default function Home() {
  const session = normalizeSession({ idp: "django-oidc", claims, expiresAt });
  const redirects = [
    safeRedirectPath("/protected?tab=claims", appOrigin),
    safeRedirectPath("https://evil.example/", appOrigin),
  ];
  return (
    <>
      <ProfileCard user={session.user} idpName={idpName} expiresAt={session.expiresAt} />
      <ClaimsTable caption="Round-trip claims" claims={claims} />
      <p data-testid="safe-redirects" className="mt-4 tracking-widest">
        {redirects.join(" | ")}
      </p>
    </>
  );
}
