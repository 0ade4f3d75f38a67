import autocannon from "autocannon";

/** One load run against one route. */
export interface LoadResult {
  path: string;
  withCookie: boolean;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  cookie?: string;
  seconds: number;
  connections: number;
}

/** Autocannon on loopback, bounded in time; every answer must be a 2xx or the run counts as failed. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    headers: {
      accept: "application/json",
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
  });
  const ok = result["2xx"];
  return {
    path: new URL(options.url).pathname,
    withCookie: Boolean(options.cookie),
    requestsPerSecond: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export interface SessionCheckResult {
  /** `/api/me` with a valid session cookie. */
  me: LoadResult;
  /** `/api/health` without a cookie: the trivial route, the baseline. */
  health: LoadResult;
  /** `/api/health` with the same cookie: what the proxy's session check alone costs. */
  healthWithCookie: LoadResult;
  /** me / health throughput. */
  ratio: number;
}

/** `/api/me` with a session against `/api/health` in the same app, after a short warm-up of each. */
export async function sessionCheck(
  appUrl: string,
  cookie: string,
  settings: { seconds: number; warmupSeconds: number; connections: number },
): Promise<SessionCheckResult> {
  const me = new URL("/api/me", appUrl).href;
  const health = new URL("/api/health", appUrl).href;
  const run = async (url: string, withCookie: boolean) => {
    const base = { url, connections: settings.connections, ...(withCookie ? { cookie } : {}) };
    await load({ ...base, seconds: settings.warmupSeconds });
    const result = await load({ ...base, seconds: settings.seconds });
    if (result.non2xx > 0 || result.errors > 0 || result.requests === 0)
      throw new Error(
        `${result.path}: ${result.non2xx} non-2xx answers and ${result.errors} errors in ${result.requests} requests`,
      );
    return result;
  };
  const healthResult = await run(health, false);
  const meResult = await run(me, true);
  const healthWithCookie = await run(health, true);
  return {
    me: meResult,
    health: healthResult,
    healthWithCookie,
    ratio: meResult.requestsPerSecond / healthResult.requestsPerSecond,
  };
}
