"use client";

import { useFormStatus } from "react-dom";
import { primaryButton, secondaryButton } from "./class-names.ts";

export interface SubmitButtonProps {
  label: string;
  pendingLabel: string;
  variant: "primary" | "secondary";
  testId: string;
}

/** A submit button that shows its form's server action is running (it must sit inside the form). */
export function SubmitButton({ label, pendingLabel, variant, testId }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      data-testid={testId}
      className={variant === "primary" ? primaryButton : secondaryButton}
    >
      {pending ? (
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          fill="none"
          className="size-4 animate-spin motion-reduce:animate-none"
        >
          <circle
            cx="12"
            cy="12"
            r="9"
            stroke="currentColor"
            strokeOpacity="0.25"
            strokeWidth="3"
          />
          <path
            d="M21 12a9 9 0 0 0-9-9"
            stroke="currentColor"
            strokeWidth="3"
            strokeLinecap="round"
          />
        </svg>
      ) : null}
      <span aria-live="polite">{pending ? pendingLabel : label}</span>
    </button>
  );
}
