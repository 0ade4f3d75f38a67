import { textLink } from "@idp-gallery/ui";
import { idp } from "~/idp.ts";
import { RegisterForm } from "./register-form.tsx";

export const metadata = { title: `Register · IdP Gallery · ${idp.name}` };

export default function RegisterPage() {
  return (
    <section className="mx-auto max-w-md space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Register with a passkey</h1>
        <p className="mt-2 text-sm text-muted">
          {idp.name} creates an identity for your email address, then this browser creates a passkey
          for it. No password, ever.
        </p>
      </div>
      <RegisterForm />
      <p className="text-sm text-muted">
        Already have a passkey on this device?{" "}
        {/* A plain link: prefetching it would start a sign-in (new state cookie) in the background. */}
        <a className={textLink} href="/auth/sign-in">
          Sign in
        </a>
      </p>
    </section>
  );
}
