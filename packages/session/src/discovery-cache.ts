import { AsyncLocalStorage } from "node:async_hooks";

const fresh = new AsyncLocalStorage<true>();

/** Runs `task` with discovery fetched from the IdP, not the cache: starting a sign-in doubles as the
 * IdP's liveness check, so a down IdP shows the app's error page instead of a browser error. */
export function withFreshDiscovery<T>(task: () => Promise<T>): Promise<T> {
  return fresh.run(true, task);
}

interface Entry {
  body: string;
  headers: [string, string][];
  storedAt: number;
}

/**
 * A fetch that remembers successful OIDC discovery documents for `ttlMs`, so the callback and sign-out
 * do not fetch again what the sign-in just fetched. Only GETs of `/.well-known/openid-configuration`
 * that answered 200 are kept; everything else passes through.
 */
export function cachingDiscovery(base: typeof fetch, ttlMs = 5 * 60_000): typeof fetch {
  const cache = new Map<string, Entry>();
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = (
      init?.method ?? (input instanceof Request ? input.method : "GET")
    ).toUpperCase();
    if (method !== "GET" || !url.endsWith("/.well-known/openid-configuration")) {
      return base(input, init);
    }
    const hit = cache.get(url);
    if (hit && !fresh.getStore() && Date.now() - hit.storedAt < ttlMs) {
      return new Response(hit.body, { status: 200, headers: hit.headers });
    }
    const response = await base(input, init);
    if (response.status !== 200) return response;
    const body = await response.text();
    const headers = [...response.headers.entries()];
    cache.set(url, { body, headers, storedAt: Date.now() });
    return new Response(body, { status: 200, headers });
  };
}
