import { ClaimsTable, JsonPanel, Notice, ProfileCard } from "@idp-gallery/ui";
import { redirect } from "next/navigation";
import { getClaims, getSession } from "~/auth.ts";
import { idp } from "~/idp.ts";
import { loadIdpExtras } from "~/idp-extras.ts";

export default async function ProtectedPage() {
  const [session, claims] = await Promise.all([getSession(), getClaims()]);
  // Gated on the server: anonymous (or an expired ID token) goes into sign-in, then comes back here.
  if (!session || !claims) redirect("/auth/sign-in?callbackUrl=/protected");
  const organizations = Array.isArray(claims.organizations) ? claims.organizations : [];
  const extras = await loadIdpExtras(organizations);
  return (
    <>
      <ProfileCard user={session.user} idpName={idp.name} expiresAt={session.expiresAt} />
      <ClaimsTable claims={claims} caption={`ID token claims from ${idp.name}`} />
      {extras.map((extra) =>
        extra.ok ? (
          <JsonPanel key={extra.title} title={extra.title} data={extra.data} />
        ) : (
          <Notice key={extra.title} tone="warning" title={extra.title}>
            {extra.message}
          </Notice>
        ),
      )}
    </>
  );
}
