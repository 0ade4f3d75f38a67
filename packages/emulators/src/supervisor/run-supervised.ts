import { listenControl } from "./control-server.ts";
import { Supervisor, type SupervisorOptions } from "./supervisor.ts";

/**
 * Starts `options.command` under a supervisor with its control API on `controlPort`, stops it on
 * SIGINT/SIGTERM, and prints one line when the IdP is healthy. Exits the process on failure.
 */
export async function runSupervised(
  options: SupervisorOptions,
  controlPort: number,
): Promise<void> {
  const supervisor = new Supervisor(options);
  let control: Awaited<ReturnType<typeof listenControl>> | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await supervisor.stop();
    await control?.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    control = await listenControl(supervisor, controlPort);
    await supervisor.start();
  } catch (error) {
    console.error(`[idp-emulator] ${options.name}: ${(error as Error).message}`);
    await shutdown(1);
  }
  console.log(
    `[idp-emulator] ${options.name} ready at ${supervisor.url} (issuer ${supervisor.issuer}, control http://localhost:${controlPort}, pid ${supervisor.status().pid}${options.caFile ? `, CA ${options.caFile}` : ""})`,
  );
}

/** Parses --start-timeout-ms: how long the supervisor waits for the IdP's health route. */
export function parseStartTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1) {
    console.error(`--start-timeout-ms must be a positive number of milliseconds, got "${value}"`);
    process.exit(2);
  }
  return ms;
}

/** Parses a port flag, exiting with a usage error when it is not one. */
export function parsePort(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${flag} must be a port number, got "${value}"`);
    process.exit(2);
  }
  return port;
}
