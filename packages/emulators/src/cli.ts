import { join } from "node:path";
import { parseArgs } from "node:util";
import { resolveDataRoot } from "./core/data-dir.ts";
import { loadOrCreateDevCa } from "./core/dev-ca.ts";
import { packageRoot } from "./package-root.ts";
import { defaultPort, getSurface, idpIds, isIdpId, isServerId } from "./registry.ts";
import { parsePort, parseStartTimeout, runSupervised } from "./supervisor/run-supervised.ts";

const USAGE = `usage: idp-emulator <${idpIds.join("|")}> [--port N] [--control-port N] [--data-dir DIR] [--host H] [--start-timeout-ms MS]

Runs the IdP emulator as a child process and serves a control API on --control-port
(default: port + 1): GET /status, POST /stop, POST /start. Each start waits up to
--start-timeout-ms (default 60000) for the emulator's health route.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: "string" },
    "control-port": { type: "string" },
    "data-dir": { type: "string" },
    host: { type: "string" },
    "start-timeout-ms": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const idp = positionals[0] ?? "";
if (values.help || !isIdpId(idp)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

// From src the child runs through Node's type stripping; from dist it runs the built file.
const serveEntry = import.meta.url.endsWith(".ts")
  ? join(packageRoot(), "src", "serve.ts")
  : join(packageRoot(), "dist", "serve.js");

const port = parsePort(values.port, defaultPort(idp), "--port");
const args = [...process.execArgv, serveEntry, idp, "--port", String(port)];
if (values.host) args.push("--host", values.host);
if (values["data-dir"]) args.push("--data-dir", values["data-dir"]);

// A non-OIDC server (django-sso) has no surface: no TLS, and its issuer is its origin.
const surface = isServerId(idp) ? undefined : getSurface(idp);
// An https emulator serves a certificate from the project's CA; made here once, before the child.
const ca = surface?.tls ? await loadOrCreateDevCa(resolveDataRoot(values["data-dir"])) : undefined;

await runSupervised(
  {
    name: idp,
    command: [process.execPath, ...args],
    port,
    issuerPath: surface ? (surface.issuerPath ?? surface.mountPath) : "",
    caFile: ca?.caFile,
    startTimeoutMs: parseStartTimeout(values["start-timeout-ms"]),
  },
  parsePort(values["control-port"], port + 1, "--control-port"),
);
