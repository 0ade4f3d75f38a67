import type { E2eTarget } from "../targets.ts";
import {
  type ContractCase,
  type ContractStatus,
  FACTS_VERSION,
  type FactsAttachment,
  type TargetFacts,
  targetFacts,
} from "./schema.ts";

/** One finished test, as the reporter hands it over (Playwright's types stay in the reporter). */
export interface FinishedTest {
  title: string;
  status: "passed" | "failed" | "timedOut" | "skipped" | "interrupted";
  durationMs: number;
  annotations: Array<{ type: string; description?: string }>;
}

/**
 * What a target's IdP lacks, by contract case, read from the target registry: the case still runs,
 * and holds only for what the IdP has (e.g. C4 without RP-initiated logout ends the app session only).
 */
const LIMITS: Array<{ id: string; lacks: (target: E2eTarget) => boolean; note: string }> = [
  {
    id: "C4",
    lacks: (target) => !target.rpLogout,
    note: "RP-initiated logout: sign-out ends the app session only, and the app says so",
  },
];

const STATUS: Record<FinishedTest["status"], ContractStatus> = {
  passed: "passed",
  failed: "failed",
  timedOut: "timed-out",
  skipped: "skipped",
  interrupted: "interrupted",
};

/** A contract test's id and title ("C4 sign out: …" → C4), or null for any other test. */
export function contractId(title: string): { id: string; title: string } | null {
  const match = /^(C\d+)\s+(.+)$/.exec(title);
  return match?.[1] && match[2] ? { id: match[1], title: match[2] } : null;
}

export function contractCase(test: FinishedTest, target: E2eTarget): ContractCase | null {
  const parsed = contractId(test.title);
  if (!parsed) return null;
  // A case skipped for a missing capability says so with a `not-supported` annotation.
  const unsupported = test.annotations.find((a) => a.type === "not-supported");
  const limit = LIMITS.find((l) => l.id === parsed.id && l.lacks(target));
  return {
    ...parsed,
    status: test.status === "skipped" && unsupported ? "not-supported" : STATUS[test.status],
    durationMs: Math.round(test.durationMs),
    ...(unsupported?.description || limit
      ? { notSupported: unsupported?.description ?? limit?.note }
      : {}),
  };
}

/** The facts file of one run: contract results in suite order, plus the measured parts merged. */
export function buildFacts(options: {
  target: E2eTarget;
  contract: FinishedTest[];
  parts: FactsAttachment[];
  generatedAt: Date;
}): TargetFacts {
  const { target, parts } = options;
  const merged = Object.assign({}, ...parts) as FactsAttachment;
  return targetFacts.parse({
    version: FACTS_VERSION,
    target: target.name,
    app: target.app,
    idp: target.idp,
    idpName: target.idpName,
    generatedAt: options.generatedAt.toISOString(),
    contract: options.contract.flatMap((test) => contractCase(test, target) ?? []),
    protocol: merged.protocol ?? null,
    measurements: merged.measurements ?? null,
    ...(merged.firstLoadJs ? { firstLoadJs: merged.firstLoadJs } : {}),
  });
}
