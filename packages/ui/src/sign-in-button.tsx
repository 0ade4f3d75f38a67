"use client";

import { SubmitButton } from "./submit-button.tsx";

/** A React server action (@logto/next, Auth.js `signIn`, …) or the URL of a route handler. */
export type FormAction = ((formData: FormData) => void | Promise<void>) | string;

export interface SignInButtonProps {
  action: FormAction;
  /** Only for a URL action: how the browser submits the form (default "post"). */
  method?: "get" | "post";
  idpName: string;
  label?: string;
}

/** "Sign in with {idpName}": a form submitting to the app's sign-in action or route. */
export function SignInButton({ action, method, idpName, label }: SignInButtonProps) {
  return (
    <form action={action} method={formMethod(action, method)}>
      <SubmitButton
        label={label ?? `Sign in with ${idpName}`}
        pendingLabel={`Redirecting to ${idpName}…`}
        variant="primary"
        testId="sign-in"
      />
    </form>
  );
}

/** React decides the method for server actions; a URL action needs one. */
export function formMethod(action: FormAction, method: "get" | "post" | undefined) {
  return typeof action === "string" ? (method ?? "post") : undefined;
}
