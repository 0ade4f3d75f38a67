import { z } from "zod";

/**
 * The facts one e2e run measured about one target (app × IdP), as written to
 * `packages/e2e/facts/<target>.json` by the facts reporter and read by the portal.
 */
export const FACTS_VERSION = 1;

export const contractStatus = z.enum([
  "passed",
  "failed",
  "timed-out",
  "skipped",
  "interrupted",
  "not-supported",
]);

export const contractCase = z.object({
  /** C1…C11; C7 has two tests, so an id can appear twice. */
  id: z.string().regex(/^C\d+$/),
  title: z.string(),
  status: contractStatus,
  durationMs: z.number().nonnegative(),
  /** What the IdP lacks for this case, from the target registry (the case still ran). */
  notSupported: z.string().optional(),
});

/** What the IdP's discovery document says about its protocol. */
export const discoveryFacts = z.object({
  /** Origin-relative URL of the document. */
  url: z.string(),
  issuer: z.string(),
  responseTypes: z.array(z.string()),
  pkceMethods: z.array(z.string()),
  tokenEndpointAuthMethods: z.array(z.string()),
  endSession: z.boolean(),
  refreshGrant: z.boolean(),
  signingAlgs: z.array(z.string()),
});

export const protocolFacts = z.object({
  /** From the target registry: whether C4 expects the IdP session to end too. */
  rpLogout: z.boolean(),
  /** Null when the IdP has no discovery document (e.g. the django-sso gateway). */
  discovery: discoveryFacts.nullable(),
  /** Why there is no discovery document, when there is none. */
  note: z.string().optional(),
});

export const party = z.enum(["app", "idp", "other"]);

/** One main-frame request of the sign-in: a navigation, a redirect hop, or a server action. */
export const timelineEntry = z.object({
  /** Milliseconds since the click on the sign-in control. */
  atMs: z.number().nonnegative(),
  method: z.string(),
  party,
  /** Path and query on its origin, with codes, state and other secrets replaced by "…". */
  path: z.string(),
  /** The response status; null when none came (e.g. the navigation was replaced). */
  status: z.number().int().nullable(),
  kind: z.enum(["navigation", "server-action"]),
});

export const cookieFacts = z.object({
  name: z.string(),
  /** Name plus value, as browsers count a cookie against their limits. */
  bytes: z.number().int().nonnegative(),
  httpOnly: z.boolean(),
  secure: z.boolean(),
  sameSite: z.string(),
});

export const measurements = z.object({
  browser: z.string(),
  signIn: z.object({
    /** From the click on the app's sign-in control to the page the app lands on, loaded. */
    ms: z.number().nonnegative(),
    from: z.string(),
    to: z.string(),
  }),
  timeline: z.array(timelineEntry),
  cookies: z.array(cookieFacts),
});

/** First-load JS of one page (same shape as the bench's client weight). */
export const pageWeight = z.object({
  path: z.string(),
  files: z.number().int().nonnegative(),
  rawBytes: z.number().int().nonnegative(),
  gzipBytes: z.number().int().nonnegative(),
});

export const targetFacts = z.object({
  version: z.literal(FACTS_VERSION),
  target: z.string(),
  app: z.string(),
  idp: z.string(),
  idpName: z.string(),
  generatedAt: z.iso.datetime(),
  contract: z.array(contractCase),
  protocol: protocolFacts.nullable(),
  measurements: measurements.nullable(),
  firstLoadJs: z.array(pageWeight).optional(),
});

/** What facts.spec.ts attaches to its tests; the reporter merges the parts. */
export const factsAttachment = z.object({
  protocol: protocolFacts.optional(),
  measurements: measurements.optional(),
  firstLoadJs: z.array(pageWeight).optional(),
});

export const FACTS_ATTACHMENT = "idp-gallery-facts";

export type ContractCase = z.infer<typeof contractCase>;
export type ContractStatus = z.infer<typeof contractStatus>;
export type DiscoveryFacts = z.infer<typeof discoveryFacts>;
export type ProtocolFacts = z.infer<typeof protocolFacts>;
export type TimelineEntry = z.infer<typeof timelineEntry>;
export type CookieFacts = z.infer<typeof cookieFacts>;
export type Measurements = z.infer<typeof measurements>;
export type PageWeightFacts = z.infer<typeof pageWeight>;
export type TargetFacts = z.infer<typeof targetFacts>;
export type FactsAttachment = z.infer<typeof factsAttachment>;
