import type {
  ContractCase,
  ContractStatus,
  CookieFacts,
  DiscoveryFacts,
  TargetFacts,
  TimelineEntry,
} from "@idp-gallery/e2e/facts";

/** One contract case for one IdP: its tests folded into one status (C7 has two tests). */
export interface ContractCell {
  status: ContractStatus | "not-run";
  /** What the IdP lacks for this case (from the facts), if anything. */
  notes: string[];
}

export interface ContractRow {
  id: string;
  /** The case's short name from the test titles, e.g. "sign out", "IdP down · IdP misbehaving". */
  name: string;
  cells: ContractCell[];
}

const caseNumber = (id: string) => Number(id.slice(1));

/** The contract as a table: a row per case id, a cell per column's facts (in column order). */
export function contractRows(columns: readonly TargetFacts[]): ContractRow[] {
  const ids = [...new Set(columns.flatMap((f) => f.contract.map((c) => c.id)))].sort(
    (a, b) => caseNumber(a) - caseNumber(b),
  );
  return ids.map((id) => {
    const names = columns.flatMap((f) => f.contract.filter((c) => c.id === id).map(shortName));
    return {
      id,
      name: [...new Set(names)].join(" · "),
      cells: columns.map((f) => foldCases(f.contract.filter((c) => c.id === id))),
    };
  });
}

function shortName(test: ContractCase): string {
  return test.title.split(":")[0] ?? test.title;
}

/** A failure anywhere wins; then not-supported, skipped, and passed only when every test passed. */
export function foldCases(cases: readonly ContractCase[]): ContractCell {
  const notes = [...new Set(cases.flatMap((c) => (c.notSupported ? [c.notSupported] : [])))];
  const has = (...statuses: ContractStatus[]) => cases.some((c) => statuses.includes(c.status));
  let status: ContractCell["status"] = "passed";
  if (cases.length === 0) status = "not-run";
  else if (has("failed", "timed-out", "interrupted")) status = "failed";
  else if (cases.every((c) => c.status === "not-supported")) status = "not-supported";
  else if (has("skipped", "not-supported")) status = "skipped";
  return { status, notes };
}

/** Passed cases over all cases of one facts file, e.g. "12 / 12". */
export function contractSummary(facts: TargetFacts): { passed: number; total: number } {
  return {
    passed: facts.contract.filter((c) => c.status === "passed").length,
    total: facts.contract.length,
  };
}

/** Redirects during the sign-in: 3xx hops, and server actions (they answer with a redirect). */
export function redirectCount(timeline: readonly TimelineEntry[]): number {
  return timeline.filter(
    (entry) =>
      entry.kind === "server-action" ||
      (entry.status !== null && entry.status >= 300 && entry.status < 400),
  ).length;
}

export function cookieBytes(cookies: readonly CookieFacts[]): number {
  return cookies.reduce((sum, cookie) => sum + cookie.bytes, 0);
}

/** gzip bytes of the first-load JS of `path`, if measured. */
export function firstLoadGzip(facts: TargetFacts, path: string): number | null {
  return facts.firstLoadJs?.find((page) => page.path === path)?.gzipBytes ?? null;
}

/** How many of the timeline's requests went to each party. */
export function partyCounts(timeline: readonly TimelineEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of timeline) counts[entry.party] = (counts[entry.party] ?? 0) + 1;
  return counts;
}

/** One IdP's column in the comparison: its gallery entry and its app's facts. */
export interface Column {
  entry: { id: string; idpName: string };
  facts: TargetFacts;
}

const yesNo = (value: boolean) => (value ? "yes" : "no");
const listed = (values: readonly string[]) => (values.length ? values.join(", ") : "none listed");

/** The IdP protocol facts as table rows: one value per facts file, as the page prints it. */
export function protocolRows(columns: readonly TargetFacts[]) {
  const field = (key: string, label: string, value: (d: DiscoveryFacts) => string) => ({
    key,
    label,
    values: columns.map((f) => (f.protocol?.discovery ? value(f.protocol.discovery) : "—")),
  });
  return [
    {
      key: "discovery",
      label: "Discovery document",
      values: columns.map((f) =>
        f.protocol ? (f.protocol.discovery?.url ?? "none") : "not measured",
      ),
    },
    field("issuer", "Issuer (e2e run)", (d) => d.issuer),
    field("response-types", "Response types", (d) => listed(d.responseTypes)),
    field("pkce", "PKCE methods", (d) => listed(d.pkceMethods)),
    field("token-auth", "Token endpoint auth", (d) => listed(d.tokenEndpointAuthMethods)),
    field("end-session", "End-session endpoint", (d) => yesNo(d.endSession)),
    field("refresh", "Refresh token grant", (d) => yesNo(d.refreshGrant)),
    field("signing", "ID token signing", (d) => listed(d.signingAlgs)),
    {
      key: "rp-logout",
      label: "RP-initiated logout (C4)",
      values: columns.map((f) =>
        f.protocol ? (f.protocol.rpLogout ? "yes" : "no: app session only") : "not measured",
      ),
    },
  ];
}
