import { assertPortFree, type RunningProcess, startServer } from "./servers.ts";
import type { BenchTarget } from "./targets.ts";

export interface TargetServers {
  /** The target's other processes (e.g. a Redis server), started first. */
  services: RunningProcess[];
  idp: RunningProcess;
  app: RunningProcess;
  stop(): Promise<void>;
}

/**
 * The target's services (as the e2e config starts them), its IdP (as the e2e target starts it) and ONE production instance of its app (`next start`
 * on the target's first app port, with the target's env). `nodeOptions`/`env` add instrumentation.
 */
export async function startTargetServers(
  bench: BenchTarget,
  instrument: { nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<TargetServers> {
  const { target, appUrl } = bench;
  const idpPort = Number(new URL(target.idpServer.origin).port);
  const controlPort = Number(new URL(target.idpServer.controlUrl).port);
  await assertPortFree(idpPort, `${target.idpName} for ${target.name}`);
  await assertPortFree(controlPort, `${target.idpName} control port for ${target.name}`);
  await assertPortFree(target.appPorts[0], `${target.app} for ${target.name}`);
  for (const service of target.services ?? [])
    await assertPortFree(service.port, `${service.name} for ${target.name}`);
  const services: RunningProcess[] = [];
  const stopServices = async () => {
    for (const service of services.reverse()) await service.stop();
  };
  try {
    for (const service of target.services ?? []) {
      services.push(
        await startServer({
          name: `${service.name} (${target.name})`,
          command: service.command,
          readyPort: service.port,
        }),
      );
    }
  } catch (error) {
    await stopServices();
    throw error;
  }
  const idp = await startServer({
    name: `${target.idpName} (${target.name})`,
    command: target.idpServer.command,
    ...(target.idpServer.env ? { env: target.idpServer.env } : {}),
    readyUrl: target.idpServer.healthUrl,
  }).catch(async (error: unknown) => {
    await stopServices();
    throw error;
  });
  try {
    const app = await startServer({
      name: `${target.app} on ${appUrl}`,
      command: [
        process.execPath,
        ...(instrument.nodeArgs ?? []),
        bench.nextBin,
        "start",
        "--port",
        String(target.appPorts[0]),
      ],
      cwd: bench.appDir,
      env: { NEXT_TELEMETRY_DISABLED: "1", ...target.appEnv(appUrl), ...instrument.env },
      readyUrl: appUrl,
    });
    return {
      services,
      idp,
      app,
      async stop() {
        await app.stop();
        await idp.stop();
        await stopServices();
      },
    };
  } catch (error) {
    await idp.stop();
    await stopServices();
    throw error;
  }
}
