/**
 * Evaluated inside the app's process through the inspector: wraps the global fetch to count the app's
 * outgoing requests (to the IdP) and their time, without touching the app's code.
 */
export const INSTALL_FETCH_TRACE = `(() => {
  if (globalThis.__benchFetchTrace) return "already";
  const trace = (globalThis.__benchFetchTrace = { calls: {} });
  const original = globalThis.fetch;
  const traced = async function (input, init) {
    const url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url);
    const key = (init?.method ?? (input instanceof Request ? input.method : "GET")) + " " + url.origin + url.pathname;
    const started = performance.now();
    try {
      return await original.call(this, input, init);
    } finally {
      const entry = (trace.calls[key] ??= { count: 0, ms: 0 });
      entry.count++;
      entry.ms += performance.now() - started;
    }
  };
  Object.assign(traced, original);
  globalThis.fetch = traced;
  return "installed";
})()`;

export const READ_AND_RESET_FETCH_TRACE = `(() => {
  const trace = globalThis.__benchFetchTrace;
  const calls = trace ? trace.calls : {};
  if (trace) trace.calls = {};
  return JSON.stringify(calls);
})()`;

export type FetchTrace = Record<string, { count: number; ms: number }>;
