import { connection } from "next/server";
import { idp, passkeyClientConfig } from "~/idp.ts";
import { BindPasskey } from "./bind-passkey.tsx";

export const metadata = { title: `Create your passkey · IdP Gallery · ${idp.name}` };

/** Where a credential-binding link lands: creates this browser's passkey for the identity. */
export default async function BindPage() {
  // The passkey client's settings come from this server's environment, at request time.
  await connection();
  return (
    <section className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Create your passkey</h1>
      <BindPasskey config={passkeyClientConfig} idpName={idp.name} />
    </section>
  );
}
