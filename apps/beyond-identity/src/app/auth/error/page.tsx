import { describeAuthError } from "@idp-gallery/session";
import { ErrorPanel } from "@idp-gallery/ui";
import { idp } from "~/idp.ts";

export default async function AuthErrorPage({ searchParams }: PageProps<"/auth/error">) {
  const code = (await searchParams).error;
  const error = describeAuthError(typeof code === "string" ? code : null, idp.name);
  return (
    <ErrorPanel
      idpName={idp.name}
      title={error.title}
      message={error.message}
      code={error.code}
      retryHref="/auth/sign-in"
    />
  );
}
