// For an app's own specs that start a process of their own (a restarted app instance, say).
export { startProcess } from "@idp-gallery/test-processes/process";
export { httpAnswers } from "@idp-gallery/test-processes/readiness";
export type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
export type { IdpAdapter, SeededUser } from "./adapter.ts";
export {
  bindOnThisPage,
  enrollKnownUser,
  idpOriginOf,
  passkeyOption,
} from "./adapters/beyond-identity.ts";
export { firstLoadJs, gzipSize, type PageWeight } from "./client-weight.ts";
export { expect, type SignInFlow, test } from "./contract-test.ts";
export { type Difference, diffDocuments, parseDeliberateDifferences } from "./drift.ts";
export { type E2eTarget, getTarget, type IdpServer, targets, targetsForApp } from "./targets.ts";
export { type VirtualAuthenticator, virtualAuthenticator } from "./virtual-authenticator.ts";
export { chromiumLaunchOptions } from "./web-servers.ts";
