/**
 * The one place that says how long a test may wait. Bounds, not waits: a test polls for readiness and
 * goes on the moment it is there, so a generous bound costs nothing when things work. Measured: what
 * starts in 3 s on an idle 2-core machine took more than 20 s while turbo built 15 packages beside it.
 */

/** How long a test waits for a process it started (its port, health route or first line) to be ready. */
export const READY_TIMEOUT_MS = 120_000;

/** One request to a process that is already ready (a Redis command, an HTTP call), on a loaded machine. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** How long a process gets to exit after SIGTERM before it is killed. */
export const STOP_GRACE_MS = 10_000;

/** How long an end-to-end assertion polls for a page or a value to reach its expected state. */
export const EXPECT_TIMEOUT_MS = 30_000;

/** One test or hook: a process start plus the test's own work, on a loaded machine. */
export const TEST_TIMEOUT_MS = READY_TIMEOUT_MS + 60_000;
