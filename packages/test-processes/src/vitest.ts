import { STOP_GRACE_MS, TEST_TIMEOUT_MS } from "./bounds.ts";

/** Every package's Vitest timeouts, spread into its `test` config, instead of Vitest's 5 s default. */
export const testTimeouts = {
  testTimeout: TEST_TIMEOUT_MS,
  hookTimeout: TEST_TIMEOUT_MS,
  teardownTimeout: STOP_GRACE_MS * 3,
} as const;
