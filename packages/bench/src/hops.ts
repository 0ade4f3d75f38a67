import type { SignInSample } from "./http-sign-in.ts";
import type { HopRow } from "./results.ts";
import { median } from "./stats.ts";

export const CLIENT_SIDE =
  "client-side (bench: cookie jar, HTML forms, passkey signatures, PKCE, ID token check)";

/**
 * Per kind of request, the median over sign-ins of its total time in one sign-in, in order of first
 * appearance; the rest of each sign-in's wall time is the client's own work.
 */
export function hopRows(samples: readonly SignInSample[]): HopRow[] {
  if (samples.length === 0) return [];
  const labels: string[] = [];
  const perSample = samples.map((sample) => {
    const totals = new Map<string, { ms: number; calls: number }>();
    for (const hop of sample.hops) {
      if (!labels.includes(hop.label)) labels.push(hop.label);
      const entry = totals.get(hop.label) ?? { ms: 0, calls: 0 };
      entry.ms += hop.ms;
      entry.calls++;
      totals.set(hop.label, entry);
    }
    return totals;
  });
  const rows = labels.map((label) => ({
    label,
    callsPerSignIn: median(perSample.map((totals) => totals.get(label)?.calls ?? 0)),
    medianMs: median(perSample.map((totals) => totals.get(label)?.ms ?? 0)),
  }));
  const clientSide = samples.map(
    (sample) => sample.ms - sample.hops.reduce((sum, hop) => sum + hop.ms, 0),
  );
  return [...rows, { label: CLIENT_SIDE, callsPerSignIn: 0, medianMs: median(clientSide) }];
}
