import { ClaimsTable, JsonPanel, Notice, ProfileCard } from "@idp-gallery/ui";
import { redirect } from "next/navigation";
import { auth } from "~/auth.ts";
import { idp, loadIdpExtras } from "~/idp.ts";

export default async function ProtectedPage() {
  const session = await auth.getSession();
  // The proxy already gates this page; checking again keeps it safe if the matcher ever changes.
  if (!session) redirect("/auth/sign-in?callbackUrl=/protected");
  const [claims, tokens] = await Promise.all([auth.getClaims(), auth.getServerTokens()]);
  const extras = await loadIdpExtras(tokens ?? {}).then(
    (value) => ({ ok: true, ...value }) as const,
    (error: unknown) =>
      ({ ok: false, message: error instanceof Error ? error.message : String(error) }) as const,
  );
  return (
    <>
      <ProfileCard user={session.user} idpName={idp.name} expiresAt={session.expiresAt} />
      <ClaimsTable claims={claims ?? {}} caption={`ID token claims from ${idp.name}`} />
      {extras.ok ? (
        <JsonPanel title={extras.title} data={extras.data} />
      ) : (
        <Notice tone="warning" title={`Could not load data from ${idp.name}`}>
          {extras.message}
        </Notice>
      )}
    </>
  );
}
