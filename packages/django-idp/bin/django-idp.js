#!/usr/bin/env node
// Runs the real Django OAuth Toolkit 1.7.0 (Debian 12) as the gallery's OpenID Connect provider:
// migrate, seed (users and the django-oidc client from packages/emulators/fixtures), then serve on
// 127.0.0.1 and ::1, so http://localhost:<port> works. Issuer: http://localhost:<port>/o.
//
//   node bin/django-idp.js [--port 8010] [--data-dir DIR]
//
// Env: DJANGO_IDP_PORT (8010), DJANGO_IDP_DATA_DIR (<package>/.data), DJANGO_IDP_TEST_CONTROLS=1
// (mounts /__emulator/*), DJANGO_IDP_PYTHON (/usr/bin/python3: Debian's packages are not on the
// pyenv python3 that may come first on PATH).
//
// SIGTERM/SIGINT/SIGHUP go to the Python process; this launcher exits when it exits, with its code.

import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MANAGE = resolve(PACKAGE_DIR, "manage.py");
const PYTHON = process.env.DJANGO_IDP_PYTHON || "/usr/bin/python3";
const SETUP_HINT = "pnpm --filter @idp-gallery/django-idp setup";

function fail(message) {
  console.error(`django-idp: ${message}`);
  process.exit(1);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", short: "p" },
        "data-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    fail(`${error.message}\nusage: node bin/django-idp.js [--port 8010] [--data-dir DIR]`);
  }
  if (values.help) {
    console.log("usage: node bin/django-idp.js [--port 8010] [--data-dir DIR]");
    process.exit(0);
  }
  const portText = values.port ?? process.env.DJANGO_IDP_PORT ?? "8010";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) fail(`invalid port: ${portText}`);
  const dataDir = resolve(
    values["data-dir"] ?? process.env.DJANGO_IDP_DATA_DIR ?? resolve(PACKAGE_DIR, ".data"),
  );
  return { port, dataDir };
}

function checkPython(env) {
  if (!existsSync(PYTHON)) {
    fail(`${PYTHON} not found. Install Debian's Django OAuth Toolkit first: ${SETUP_HINT}`);
  }
  const probe = spawnSync(PYTHON, ["-c", "import django, oauth2_provider, jwcrypto"], {
    env,
    encoding: "utf8",
  });
  if (probe.status !== 0) {
    const detail = (probe.stderr || probe.error?.message || "").trim().split("\n").pop();
    fail(
      `${PYTHON} cannot import Django OAuth Toolkit${detail ? ` (${detail})` : ""}.\n` +
        `Install Debian's python3-django-oauth-toolkit (DOT 1.7.0, Django 3.2): ${SETUP_HINT}`,
    );
  }
}

// Fails early, before migrating, when something already listens on the port.
function checkPort(port) {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", (error) => {
      if (error.code === "EADDRINUSE") {
        fail(
          `port ${port} is already in use on 127.0.0.1: stop whatever listens there or pick another (--port / DJANGO_IDP_PORT)`,
        );
      }
      done(); // anything else: let Python report it
    });
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(done));
  });
}

let child = null;
let stopSignal = null;

for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => {
    stopSignal ??= signal;
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else process.exit(0);
  });
}

function run(args, env) {
  return new Promise((resolvePromise) => {
    child = spawn(PYTHON, [MANAGE, ...args], { cwd: PACKAGE_DIR, env, stdio: "inherit" });
    child.on("error", (error) => fail(`cannot run ${PYTHON}: ${error.message}`));
    child.on("exit", (code, signal) => {
      child = null;
      resolvePromise({ code, signal });
    });
  });
}

async function step(args, env) {
  const { code, signal } = await run(args, env);
  if (stopSignal) process.exit(0);
  if (code !== 0) {
    console.error(
      `django-idp: manage.py ${args[0]} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`,
    );
    process.exit(code || 1);
  }
}

const { port, dataDir } = options();
const env = {
  ...process.env,
  DJANGO_SETTINGS_MODULE: "idp.settings",
  DJANGO_IDP_PORT: String(port),
  DJANGO_IDP_DATA_DIR: dataDir,
  PYTHONUNBUFFERED: "1",
  // Discovery's claims_supported comes from a Python set: a fixed seed keeps its order stable.
  PYTHONHASHSEED: process.env.PYTHONHASHSEED ?? "0",
};
checkPython(env);
await checkPort(port);
console.log(`django-idp: data dir ${dataDir}`);
await step(["migrate", "--noinput", "--verbosity", "0"], env);
await step(["seed_gallery"], env);
const { code, signal } = await run(["serve", "--port", String(port), "--exit-with-parent"], env);
if (stopSignal) process.exit(code ?? 0);
if (signal) {
  console.error(`django-idp: the server was killed by ${signal}`);
  process.exit(1);
}
process.exit(code ?? 1);
