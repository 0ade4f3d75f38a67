"use client";

import type { Passkey, PasskeyClientConfig } from "@idp-gallery/passkeys";
import { safeRedirectPath } from "@idp-gallery/session/redirect";
import { Notice, primaryButton } from "@idp-gallery/ui";
import { useEffect, useState } from "react";
import { usePasskeyClient } from "~/use-passkey-client.ts";

type State =
  | { kind: "loading" }
  | { kind: "invalid" }
  | { kind: "ready"; link: string }
  | { kind: "binding"; link: string }
  | { kind: "bound"; passkey: Passkey; next: string }
  | { kind: "failed"; link: string; message: string };

/** Only this app's own pages are followed after binding; anything else goes to sign-in. */
function sameOriginOrSignIn(uri: string | undefined): string {
  return safeRedirectPath(uri, window.location.origin, "/auth/sign-in?callbackUrl=/protected");
}

export function BindPasskey({ config, idpName }: { config: PasskeyClientConfig; idpName: string }) {
  const { client, loadError } = usePasskeyClient(config);
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    if (!client || state.kind !== "loading") return;
    const link = window.location.href;
    setState(client.isBindPasskeyUrl(link) ? { kind: "ready", link } : { kind: "invalid" });
    // The one-time token stays out of the address bar and the history from here on.
    window.history.replaceState(null, "", window.location.pathname);
  }, [client, state.kind]);

  async function bind(link: string) {
    if (!client) return;
    setState({ kind: "binding", link });
    try {
      const result = await client.bindPasskey(link);
      setState({
        kind: "bound",
        passkey: result.passkey,
        next: sameOriginOrSignIn(result.postBindingRedirectUri),
      });
    } catch (error) {
      setState({ kind: "failed", link, message: (error as Error).message });
    }
  }

  if (loadError) {
    return (
      <Notice tone="warning" title="The passkey client did not load">
        {loadError}
      </Notice>
    );
  }
  switch (state.kind) {
    case "loading":
      return <p className="text-sm text-muted">Reading your link…</p>;
    case "invalid":
      return (
        <Notice tone="warning" title="This is not a passkey link">
          Open the link {idpName} gave you (or emailed you) again, or{" "}
          <a className="underline" href="/register">
            register
          </a>{" "}
          to get a new one.
        </Notice>
      );
    case "bound":
      return (
        <div className="space-y-4" data-testid="passkey-bound">
          <Notice tone="info" title="Passkey created">
            This device now has a passkey for{" "}
            <strong>{state.passkey.identity.displayName ?? state.passkey.identity.username}</strong>
            {state.passkey.identity.emailAddress ? ` (${state.passkey.identity.emailAddress})` : ""}
            .
          </Notice>
          <a className={primaryButton} href={state.next} data-testid="passkey-bound-continue">
            Sign in with your passkey
          </a>
        </div>
      );
    default:
      return (
        <div className="space-y-4">
          <p className="text-sm text-muted">
            Your browser will ask you to confirm with your fingerprint, face, screen lock or
            security key.
          </p>
          <button
            type="button"
            className={primaryButton}
            disabled={state.kind === "binding"}
            onClick={() => bind(state.link)}
            data-testid="bind-passkey"
          >
            {state.kind === "binding" ? "Creating passkey…" : "Create passkey"}
          </button>
          {state.kind === "failed" ? (
            <p role="alert" data-testid="passkey-error" className="text-sm text-danger-fg">
              {state.message}
            </p>
          ) : null}
        </div>
      );
  }
}
