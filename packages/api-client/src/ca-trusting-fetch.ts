import { readFile } from "node:fs/promises";
import { Agent } from "undici";

export interface CaTrustingFetchOptions {
  /** PEM file with the CA certificate(s) to trust, read on first use (it may appear after start-up). */
  caFile?: string;
  /** The PEM text itself, instead of a file. */
  ca?: string;
  /** The fetch underneath; defaults to globalThis.fetch, read at call time (Next.js's patched one). */
  fetch?: typeof fetch;
}

/**
 * A fetch whose https connections trust exactly the given CA certificate(s), for an IdP with a
 * self-signed or private-CA certificate (WSO2's `wso2carbon`). Verification stays on: hostnames and
 * chains are checked as usual, only the trust anchor changes, and only for calls made through it.
 */
export function createCaTrustingFetch(options: CaTrustingFetchOptions): typeof fetch {
  if (!options.ca && !options.caFile)
    throw new TypeError("createCaTrustingFetch needs ca or caFile.");
  let agent: Promise<Agent> | undefined;
  const load = () => {
    agent ??= loadCa(options).then(
      (ca) => new Agent({ connect: { ca } }),
      (error: unknown) => {
        agent = undefined; // A missing file may appear later (the local IdP creates it).
        throw error;
      },
    );
    return agent;
  };
  return async (input, init) => {
    const dispatcher = await load();
    const base = options.fetch ?? globalThis.fetch;
    // Node's fetch is undici's; an Agent of the bundled version plugs in as its dispatcher.
    return base(input, { ...init, dispatcher } as RequestInit);
  };
}

async function loadCa(options: CaTrustingFetchOptions): Promise<string> {
  if (options.ca) return options.ca;
  try {
    return await readFile(options.caFile ?? "", "utf8");
  } catch (cause) {
    throw new Error(`Cannot read the CA file ${options.caFile}.`, { cause });
  }
}
