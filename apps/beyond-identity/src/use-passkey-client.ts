"use client";

import {
  loadPasskeyClient,
  type PasskeyClient,
  type PasskeyClientConfig,
} from "@idp-gallery/passkeys";
import { useEffect, useState } from "react";

/** The configured passkey client once it has loaded in the browser (null until then). */
export function usePasskeyClient(config: PasskeyClientConfig): {
  client: PasskeyClient | null;
  loadError: string | null;
} {
  const [client, setClient] = useState<PasskeyClient | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { mode, allowedOrigins } = config;
  useEffect(() => {
    let live = true;
    loadPasskeyClient({ mode, allowedOrigins }).then(
      (loaded) => live && setClient(loaded),
      (error: unknown) =>
        live && setLoadError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [mode, allowedOrigins]);
  return { client, loadError };
}
