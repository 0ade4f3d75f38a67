/**
 * A fetch that gives up after `timeoutMs`, so a hanging IdP turns into an error page, not a spinner.
 * `base` (e.g. a fetch that trusts the IdP's CA) defaults to globalThis.fetch, read at call time.
 */
export function fetchWithTimeout(timeoutMs: number, base?: typeof fetch): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return (base ?? fetch)(input, { ...init, signal });
  };
}
