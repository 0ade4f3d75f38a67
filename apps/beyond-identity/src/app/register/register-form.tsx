"use client";

import { primaryButton } from "@idp-gallery/ui";
import { type FormEvent, useState } from "react";

type State =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "emailed"; message: string }
  | { kind: "error"; message: string };

const field =
  "mt-1 block w-full rounded-lg border border-line bg-surface px-3 py-2 text-sm shadow-sm focus:border-accent focus:outline-none";

/** Posts the registration; a new identity continues at its binding link, an existing one is emailed. */
export function RegisterForm() {
  const [state, setState] = useState<State>({ kind: "idle" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setState({ kind: "sending" });
    try {
      const response = await fetch("/api/register", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), displayName: form.get("displayName") }),
      });
      const body = (await response.json()) as { bindingLink?: string; message?: string };
      if (response.status === 201 && body.bindingLink) {
        // The link goes to Beyond Identity, which sends the browser on to this app's /bind page.
        window.location.assign(body.bindingLink);
        return;
      }
      setState(
        response.ok
          ? { kind: "emailed", message: body.message ?? "Check your email for a passkey link." }
          : {
              kind: "error",
              message: body.message ?? `Registration failed (HTTP ${response.status}).`,
            },
      );
    } catch {
      setState({ kind: "error", message: "The app could not be reached. Try again." });
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <label className="block text-sm font-medium">
        Name
        <input name="displayName" required maxLength={100} autoComplete="name" className={field} />
      </label>
      <label className="block text-sm font-medium">
        Email
        <input
          name="email"
          type="email"
          required
          maxLength={254}
          autoComplete="email"
          className={field}
        />
      </label>
      <button
        type="submit"
        className={primaryButton}
        disabled={state.kind === "sending"}
        data-testid="register"
      >
        {state.kind === "sending" ? "Registering…" : "Register"}
      </button>
      {state.kind === "emailed" ? (
        <p role="status" data-testid="register-emailed" className="text-sm">
          {state.message}
        </p>
      ) : null}
      {state.kind === "error" ? (
        <p role="alert" data-testid="register-error" className="text-sm text-danger-fg">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
