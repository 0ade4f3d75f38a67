/**
 * Runs one task per key at a time: callers asking for a key while its task runs get the same
 * promise. Concurrent requests of one session therefore share one refresh, so an IdP that rotates
 * refresh tokens never sees the old one twice from this process.
 */
export function singleFlight<T>(): (key: string, task: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, task) => {
    const pending = running.get(key);
    if (pending) return pending;
    const started = task().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}
