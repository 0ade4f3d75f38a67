"use client";

import { type FormAction, formMethod } from "./sign-in-button.tsx";
import { SubmitButton } from "./submit-button.tsx";

export interface SignOutButtonProps {
  action: FormAction;
  /** Only for a URL action: how the browser submits the form (default "post"). */
  method?: "get" | "post";
  label?: string;
}

/** "Sign out": a form submitting to the app's sign-out action or route. */
export function SignOutButton({ action, method, label = "Sign out" }: SignOutButtonProps) {
  return (
    <form action={action} method={formMethod(action, method)}>
      <SubmitButton
        label={label}
        pendingLabel="Signing out…"
        variant="secondary"
        testId="sign-out"
      />
    </form>
  );
}
