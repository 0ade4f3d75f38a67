/** Generous: a cold start on a loaded 2-core machine took more than 20 s where an idle one takes 3 s. */
export const DEFAULT_START_TIMEOUT_MS = 60_000;
