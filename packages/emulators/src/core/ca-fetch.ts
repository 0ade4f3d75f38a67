import { readFileSync } from "node:fs";
import { Agent } from "undici";

/**
 * A fetch that trusts exactly the CA certificate(s) in `caFile`, for calls to https emulators. The
 * file is read on first use, so it may appear after this is created (the emulator makes it).
 */
export function caTrustingFetch(caFile: string): typeof fetch {
  let dispatcher: Agent | undefined;
  return (input, init) => {
    dispatcher ??= new Agent({ connect: { ca: readFileSync(caFile, "utf8") } });
    // Node's fetch is undici's: the same-version Agent plugs in as its dispatcher.
    return fetch(input, { ...init, dispatcher } as RequestInit);
  };
}
