import { parseArgs } from "node:util";
import { defaultPort, getSurface, idpIds, isIdpId } from "./registry.ts";
import { listenControl } from "./supervisor/control-server.ts";
import { Supervisor } from "./supervisor/supervisor.ts";

const USAGE = `usage: idp-emulator <${idpIds.join("|")}> [--port N] [--control-port N] [--data-dir DIR] [--host H]

Runs the IdP emulator as a child process and serves a control API on --control-port
(default: port + 1): GET /status, POST /stop, POST /start.`;

function parsePort(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${flag} must be a port number, got "${value}"`);
    process.exit(2);
  }
  return port;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: "string" },
    "control-port": { type: "string" },
    "data-dir": { type: "string" },
    host: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const idp = positionals[0] ?? "";
if (values.help || !isIdpId(idp)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const port = parsePort(values.port, defaultPort(idp), "--port");
const controlPort = parsePort(values["control-port"], port + 1, "--control-port");
const supervisor = new Supervisor(
  { idp, port, host: values.host, dataDir: values["data-dir"] },
  getSurface(idp).mountPath,
);

let control: Awaited<ReturnType<typeof listenControl>> | undefined;
let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await supervisor.stop();
  await control?.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());

try {
  control = await listenControl(supervisor, controlPort);
  await supervisor.start();
} catch (error) {
  console.error(`[idp-emulator] ${idp}: ${(error as Error).message}`);
  await supervisor.stop();
  await control?.close();
  process.exit(1);
}
console.log(
  `[idp-emulator] ${idp} ready at ${supervisor.url} (issuer ${supervisor.issuer}, control http://localhost:${controlPort}, pid ${supervisor.status().pid})`,
);
