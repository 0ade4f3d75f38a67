import type { BuildResult } from "./build-time.ts";
import type { PageWeight } from "./client-weight.ts";
import type { CapacityResult } from "./emulator-capacity.ts";
import type { SessionCheckResult } from "./session-check.ts";
import type { Summary } from "./stats.ts";

/** Where a sign-in spends its time: one row per kind of request (or the client's own work). */
export interface HopRow {
  label: string;
  callsPerSignIn: number;
  /** Median over sign-ins of the time this kind of request took in one sign-in. */
  medianMs: number;
}

export interface HttpSignInResult {
  iterations: number;
  app: Summary;
  bare: Summary;
  /** Median app sign-in / median bare-client sign-in. */
  ratio: number;
  /** What the bare client is: "OIDC (oauth4webapi)" or the IdP's own protocol, request by request. */
  bareClient?: string;
  appHops: HopRow[];
  bareHops: HopRow[];
  /** One GET of the app's trivial route (/api/health) after each sign-in: the framework's floor per request. */
  trivialRequest?: Summary;
}

export interface SectionError {
  section: string;
  message: string;
}

export interface AppResult {
  target: string;
  app: string;
  idp: string;
  idpName: string;
  httpSignIn?: HttpSignInResult;
  browserSignIn?: Summary;
  sessionCheck?: SessionCheckResult;
  /** First-load JS of `/` (signed out) and `/protected` (signed in). */
  clientWeight?: PageWeight[];
  errors: SectionError[];
}

export interface NotMeasured {
  target: string;
  app: string;
  idp: string;
  reason: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export interface BenchResults {
  schema: 1;
  mode: "full" | "smoke";
  startedAt: string;
  durationMs: number;
  machine: Machine;
  build?: BuildResult;
  /** First-load JS of the plain page in a minimal Next.js app built in the same run. */
  plainPage?: PageWeight;
  apps: AppResult[];
  notMeasured: NotMeasured[];
  emulators: CapacityResult[];
  /** Failures outside one app's sections (build, plain page). */
  errors: SectionError[];
}
