import { parseArgs } from "node:util";
import { createEmulator } from "./core/create-emulator.ts";
import { defaultPort, getSurface, idpIds, isIdpId, isServerId, servers } from "./registry.ts";

// The emulator process itself; the supervisor CLI spawns this so tests can stop and start it.
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "data-dir": { type: "string" },
    "issuer-origin": { type: "string" },
  },
});

const idp = positionals[0] ?? "";
if (!isIdpId(idp)) {
  console.error(`usage: serve <${idpIds.join("|")}> [--port N] [--host H] [--data-dir DIR]`);
  process.exit(2);
}

const listenOptions = {
  port: values.port ? Number(values.port) : defaultPort(idp),
  host: values.host,
  dataDir: values["data-dir"],
  issuerOrigin: values["issuer-origin"],
};
const emulator = isServerId(idp)
  ? servers[idp].create(listenOptions)
  : createEmulator(getSurface(idp), listenOptions);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await emulator.close();
  process.exit(code);
}

process.on("SIGTERM", () => void shutdown(0));
process.on("SIGINT", () => void shutdown(0));

if (process.env.IDP_EMULATOR_SUPERVISED === "1") {
  // Our stdin is a pipe from the supervisor: when it dies, we go too instead of holding the port.
  process.stdin.on("end", () => void shutdown(0));
  process.stdin.resume();
}

try {
  await emulator.listen();
} catch (error) {
  console.error(`[${idp}] cannot start: ${(error as Error).message}`);
  process.exit(1);
}
if (process.env.IDP_EMULATOR_SUPERVISED !== "1") {
  console.log(`${idp} emulator listening at ${emulator.url} (issuer ${emulator.issuer})`);
}
