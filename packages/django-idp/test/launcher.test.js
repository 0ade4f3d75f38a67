// The launcher and the real server, end to end over HTTP on http://localhost:<port>:
// discovery, sign-in and token checks through oauth4webapi exactly as Auth.js v5 calls it,
// restarts on an existing data dir, and no orphan Python process after SIGTERM or a killed launcher.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { READY_TIMEOUT_MS, STOP_GRACE_MS } from "@idp-gallery/test-processes/bounds";
import * as o from "oauth4webapi";

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(PACKAGE_DIR, "bin", "django-idp.js");
const FIXTURES = join(PACKAGE_DIR, "..", "emulators", "fixtures");
const CLIENT = JSON.parse(readFileSync(join(FIXTURES, "clients.json"), "utf8"))["django-oidc"];
const ALICE = JSON.parse(readFileSync(join(FIXTURES, "users.json"), "utf8")).users.find(
  (u) => u.username === "alice",
);
const REDIRECT_URI = CLIENT.redirectUris[0];
// What Auth.js passes to every oauth4webapi call for an http issuer.
const INSECURE = { [o.allowInsecureRequests]: true };

const dataDir = mkdtempSync(join(tmpdir(), "django-idp-node-test-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not yet reaped by a PID 1 that never reaps) counts as gone.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function waitFor(what, check, timeoutMs = READY_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function start(port) {
  const child = spawn(process.execPath, [BIN, "--port", String(port), "--data-dir", dataDir], {
    env: { ...process.env, DJANGO_IDP_TEST_CONTROLS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((done) => child.on("exit", (code, signal) => done({ code, signal })));
  const health = await waitFor("the server", async () => {
    if (child.exitCode !== null) throw new Error(`launcher exited ${child.exitCode}`);
    try {
      const response = await fetch(`http://localhost:${port}/__emulator/health`, {
        signal: AbortSignal.timeout(5_000),
      });
      return response.ok ? response.json() : null;
    } catch {
      return null;
    }
  }).catch((error) => {
    child.kill("SIGKILL");
    const tail = output.trimEnd().split("\n").slice(-30).join("\n  | ");
    throw new Error(
      `django-idp launcher (port ${port}): ${error.message}.\nIts last lines of output:\n  | ${tail}`,
    );
  });
  return { child, exited, health, output: () => output };
}

/** A minimal browser: a cookie jar and no automatic redirects. */
function browser() {
  const jar = new Map();
  return async (url, init = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair.indexOf("=");
      jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
    return response;
  };
}

function inputs(html, formId) {
  const form = html.match(new RegExp(`<form[^>]*id="${formId}"[^>]*>([\\s\\S]*?)</form>`));
  assert.ok(form, `form#${formId} on the page`);
  return [...form[1].matchAll(/<input([^>]*)>/g)].map(([, attrs]) =>
    Object.fromEntries(
      [...attrs.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v.replaceAll("&amp;", "&")]),
    ),
  );
}

async function signIn(port) {
  const issuer = new URL(`http://localhost:${port}/o`);
  // Auth.js v5: discovery at issuer + /.well-known/openid-configuration, 200 and an exact issuer.
  const as = await o.processDiscoveryResponse(issuer, await o.discoveryRequest(issuer, INSECURE));
  const client = { client_id: CLIENT.clientId };
  const verifier = o.generateRandomCodeVerifier();
  const state = o.generateRandomState();
  const nonce = o.generateRandomNonce();
  const authorize = new URL(as.authorization_endpoint);
  authorize.search = new URLSearchParams({
    response_type: "code",
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    scope: "openid profile email",
    state,
    nonce,
    code_challenge: await o.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  }).toString();

  const go = browser();
  let response = await go(authorize);
  assert.equal(response.status, 302);
  const login = new URL(response.headers.get("location"), authorize);
  assert.equal(login.pathname, "/accounts/login/");
  response = await go(login);
  const fields = Object.fromEntries(
    inputs(await response.text(), "login-form")
      .filter((i) => i.name)
      .map((i) => [i.name, i.value ?? ""]),
  );
  response = await go(login, {
    method: "POST",
    body: new URLSearchParams({ ...fields, username: ALICE.username, password: ALICE.password }),
  });
  assert.equal(response.status, 302);
  const back = new URL(response.headers.get("location"), login);
  assert.equal(back.href, authorize.href);
  response = await go(back);
  assert.equal(response.status, 200);
  const consent = inputs(await response.text(), "authorizationForm");
  const hidden = Object.fromEntries(
    consent.filter((i) => i.type === "hidden").map((i) => [i.name, i.value ?? ""]),
  );
  response = await go(back, {
    method: "POST",
    body: new URLSearchParams({ ...hidden, allow: "Authorize" }),
  });
  assert.equal(response.status, 302);
  const callback = new URL(response.headers.get("location"));

  const params = o.validateAuthResponse(as, client, callback, state);
  const tokenResponse = await o.authorizationCodeGrantRequest(
    as,
    client,
    o.ClientSecretBasic(CLIENT.clientSecret),
    params,
    REDIRECT_URI,
    verifier,
    INSECURE,
  );
  const tokens = await o.processAuthorizationCodeResponse(as, client, tokenResponse, {
    expectedNonce: nonce,
    requireIdToken: true,
  });
  const claims = o.getValidatedIdTokenClaims(tokens);
  const userinfo = await o.processUserInfoResponse(
    as,
    client,
    claims.sub,
    await o.userInfoRequest(as, client, tokens.access_token, INSECURE),
  );
  return { as, claims, userinfo };
}

async function stop(server, signal = "SIGTERM") {
  server.child.kill(signal);
  const result = await server.exited;
  await waitFor("Python to exit", () => !alive(server.health.pid), STOP_GRACE_MS);
  return result;
}

test("starts from an empty data dir and signs in as Auth.js v5 does", async () => {
  const port = await freePort();
  const server = await start(port);
  try {
    assert.equal(server.health.issuer, `http://localhost:${port}/o`);
    for (const path of [
      "/o/.well-known/openid-configuration",
      "/o/.well-known/openid-configuration/",
    ]) {
      const response = await fetch(`http://localhost:${port}${path}`, { redirect: "manual" });
      assert.equal(response.status, 200, path);
      assert.equal((await response.json()).issuer, `http://localhost:${port}/o`);
    }
    const { as, claims, userinfo } = await signIn(port);
    assert.equal(as.issuer, `http://localhost:${port}/o`);
    assert.equal(as.end_session_endpoint, undefined);
    for (const profile of [claims, userinfo]) {
      assert.equal(profile.sub, ALICE.id);
      assert.equal(profile.name, ALICE.name);
      assert.equal(profile.email, ALICE.email);
      assert.equal(profile.preferred_username, ALICE.username);
    }
    const reset = await fetch(`http://localhost:${port}/__emulator/reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(reset.status, 200);
  } finally {
    const { code } = await stop(server);
    assert.equal(code, 0, server.output());
  }
});

test("restarts on the existing data dir with the same key and users", async () => {
  const port = await freePort();
  const server = await start(port);
  try {
    const { claims } = await signIn(port);
    assert.equal(claims.sub, ALICE.id);
    const response = await fetch(`http://localhost:${port}/__emulator/health`);
    assert.equal((await response.json()).pid, server.health.pid);
  } finally {
    await stop(server, "SIGINT");
  }
});

test("Python exits when the launcher is killed outright", async () => {
  const server = await start(await freePort());
  await stop(server, "SIGKILL");
});
