import { connection } from "next/server";
import { callbackPath, idp, passkeyClientConfig } from "~/idp.ts";
import { PasskeySignIn } from "./passkey-sign-in.tsx";

export const metadata = { title: `Sign in with a passkey · IdP Gallery · ${idp.name}` };

/** Where Beyond Identity's authorize step sends the browser: the user proves a passkey here. */
export default async function BiAuthenticatePage() {
  // The passkey client's settings come from this server's environment, at request time.
  await connection();
  return (
    <section className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Sign in with a passkey</h1>
      <PasskeySignIn config={passkeyClientConfig} idpName={idp.name} callbackPath={callbackPath} />
    </section>
  );
}
