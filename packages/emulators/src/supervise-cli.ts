import { parseArgs } from "node:util";
import { parsePort, parseStartTimeout, runSupervised } from "./supervisor/run-supervised.ts";

const USAGE = `usage: idp-supervise --name NAME --port N [--control-port N] [--issuer-path /o] [--start-timeout-ms MS] -- <command...>

Runs any IdP process that answers GET /__emulator/health on --port (a real IdP under test, such as
@idp-gallery/django-idp) under the same control API as idp-emulator: GET /status, POST /stop,
POST /start on --control-port (default: port + 1).`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    port: { type: "string" },
    "control-port": { type: "string" },
    "issuer-path": { type: "string" },
    "start-timeout-ms": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const [executable, ...args] = positionals;
if (values.help || !values.name || !values.port || !executable) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const port = parsePort(values.port, 0, "--port");
await runSupervised(
  {
    name: values.name,
    command: [executable, ...args],
    port,
    issuerPath: values["issuer-path"] ?? "",
    startTimeoutMs: parseStartTimeout(values["start-timeout-ms"]),
  },
  parsePort(values["control-port"], port + 1, "--control-port"),
);
