"use client";

import type { Passkey, PasskeyClientConfig } from "@idp-gallery/passkeys";
import { Notice, primaryButton, textLink } from "@idp-gallery/ui";
import { useEffect, useState } from "react";
import { usePasskeyClient } from "~/use-passkey-client.ts";

type State =
  | { kind: "loading" }
  | { kind: "invalid" }
  | { kind: "ready"; passkeys: Passkey[]; error?: string }
  | { kind: "signing-in"; passkeys: Passkey[] };

interface Props {
  config: PasskeyClientConfig;
  idpName: string;
  /** The app's OIDC callback; the only place a finished authentication may send the browser. */
  callbackPath: string;
}

const label = (passkey: Passkey) => passkey.identity.displayName ?? passkey.identity.username;

/** Lists this device's passkeys, lets the user pick one, and finishes the IdP's authorize step with it. */
export function PasskeySignIn({ config, idpName, callbackPath }: Props) {
  const { client, loadError } = usePasskeyClient(config);
  const [state, setState] = useState<State>({ kind: "loading" });
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    if (!client || state.kind !== "loading") return;
    if (!client.isAuthenticateUrl(window.location.href)) {
      setState({ kind: "invalid" });
      return;
    }
    client.getPasskeys().then((all) => {
      const passkeys = all.filter((passkey) => passkey.state === "Active");
      setState({ kind: "ready", passkeys });
      if (passkeys.length === 1) setSelected(passkeys[0]?.id ?? null);
    });
  }, [client, state.kind]);

  async function signIn(passkeys: Passkey[], passkeyId: string) {
    if (!client) return;
    setState({ kind: "signing-in", passkeys });
    try {
      const result = await client.authenticate(window.location.href, passkeyId);
      const next = new URL(result.redirectUrl, window.location.origin);
      // Only ever on to this app's own callback, whatever the response says.
      if (next.origin !== window.location.origin || next.pathname !== callbackPath) {
        throw new Error(`${idpName} sent the browser somewhere unexpected, so sign-in stopped.`);
      }
      window.location.assign(next.href);
    } catch (error) {
      setState({ kind: "ready", passkeys, error: (error as Error).message });
    }
  }

  if (loadError) {
    return (
      <Notice tone="warning" title="The passkey client did not load">
        {loadError}
      </Notice>
    );
  }
  if (state.kind === "loading") return <p className="text-sm text-muted">Looking for passkeys…</p>;
  if (state.kind === "invalid") {
    return (
      <Notice tone="warning" title="This sign-in link is not valid here">
        Start again from{" "}
        <a className={textLink} href="/auth/sign-in">
          sign in
        </a>
        .
      </Notice>
    );
  }
  if (state.passkeys.length === 0) {
    return (
      <Notice tone="info" title={`No ${idpName} passkey on this device`}>
        <a className={textLink} href="/register">
          Register
        </a>{" "}
        to create one, or open the passkey link {idpName} emailed you on this device.
      </Notice>
    );
  }
  const busy = state.kind === "signing-in";
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (selected) signIn(state.passkeys, selected);
      }}
    >
      <fieldset className="space-y-2" disabled={busy}>
        <legend className="mb-2 text-sm text-muted">Choose the passkey to sign in with</legend>
        {state.passkeys.map((passkey) => (
          <label
            key={passkey.id}
            data-testid="passkey-option"
            className="flex cursor-pointer items-center gap-3 rounded-lg border border-line bg-surface p-3 text-sm has-checked:border-accent"
          >
            <input
              type="radio"
              name="passkey"
              value={passkey.id}
              checked={selected === passkey.id}
              onChange={() => setSelected(passkey.id)}
            />
            <span>
              <span className="block font-medium">{label(passkey)}</span>
              <span className="block text-muted">
                {passkey.identity.emailAddress ?? passkey.identity.username} ·{" "}
                {passkey.realm.displayName}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <button
        type="submit"
        className={primaryButton}
        disabled={busy || !selected}
        data-testid="passkey-continue"
      >
        {busy ? "Waiting for your passkey…" : "Continue with passkey"}
      </button>
      {state.kind === "ready" && state.error ? (
        <p role="alert" data-testid="passkey-error" className="text-sm text-danger-fg">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
