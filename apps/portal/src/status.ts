/** Whether one URL answered 2xx within the timeout, as the portal's server saw it just now. */
export type Liveness = { state: "up"; ms: number } | { state: "down"; reason: string };

export async function probe(url: string, timeoutMs: number): Promise<Liveness> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      cache: "no-store",
      redirect: "manual",
    });
    await response.body?.cancel();
    if (!response.ok) return { state: "down", reason: `answered ${response.status}` };
    return { state: "up", ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { state: "down", reason: describeFailure(error as Error, timeoutMs) };
  }
}

function describeFailure(error: Error, timeoutMs: number): string {
  if (error.name === "TimeoutError" || error.name === "AbortError") {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error.cause as { code?: string; message?: string } | undefined;
  if (cause?.code === "ECONNREFUSED") return "not running";
  return cause?.code ?? cause?.message ?? error.message;
}

/** The app's and its IdP's liveness, checked at the same time. */
export async function checkEntry(
  entry: { appUrl: string; idpHealthUrl: string },
  timeoutMs: number,
): Promise<{ app: Liveness; idp: Liveness }> {
  const [app, idp] = await Promise.all([
    probe(`${entry.appUrl.replace(/\/$/, "")}/api/health`, timeoutMs),
    probe(entry.idpHealthUrl, timeoutMs),
  ]);
  return { app, idp };
}
