import { createHash, randomBytes, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type Idp, type IdpId, idpList, idps } from "@idp-gallery/registry/idps";
import { READY_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import type { IdpAdapter, SeededUser } from "./adapter.ts";
import { beyondIdentityAdapter } from "./adapters/beyond-identity.ts";
import { djangoOidcAdapter } from "./adapters/django-oidc.ts";
import { djangoSsoAdapter } from "./adapters/django-sso.ts";
import { logtoAdapter } from "./adapters/logto.ts";
import { wso2Adapter } from "./adapters/wso2.ts";

const require = createRequire(import.meta.url);
const emulatorBin = join(
  dirname(require.resolve("@idp-gallery/emulators/fixtures/users.json")),
  "..",
  "bin",
  "idp-emulator.js",
);
const users: SeededUser[] = require("@idp-gallery/emulators/fixtures/users.json").users;
interface FixtureClient {
  clientId: string;
  clientSecret: string;
  additionalClients?: FixtureClient[];
}
const clients: Record<
  string,
  FixtureClient
> = require("@idp-gallery/emulators/fixtures/clients.json");

/** How to start the IdP a target signs in with, and where its test controls listen. */
export interface IdpServer {
  command: string;
  env?: Record<string, string>;
  origin: string;
  healthUrl: string;
  controlUrl: string;
  /** Where the app exchanges the code, so a test can make exactly that request fail. */
  tokenPath: string;
  /** For an https IdP: the CA file its certificate chains to (the test process and the app trust it). */
  caFile?: string;
  /** For an https IdP: base64 SHA-256 SPKI hashes of the certificate the browser is told to accept. */
  spkiPins?: () => string[];
}

/** One app × one IdP: what the contract runs against. */
export interface E2eTarget {
  name: string;
  app: string;
  idp: IdpId;
  idpName: string;
  adapter: IdpAdapter;
  users: SeededUser[];
  /** Two instances of the app on these ports (the second one proves cookie isolation, C8). */
  appPorts: readonly [number, number];
  idpServer: IdpServer;
  /** The app's env for one instance, pointing it at this target's IdP (or at `idp`). */
  appEnv: (appUrl: string, idp?: IdpServer) => Record<string, string>;
  /**
   * A second IdP and one more app instance signed in through it, started beside the target: the
   * drift check compares what the app ends up with through each.
   */
  companion?: { name: string; idpServer: IdpServer; appPort: number };
  /** Folders under the app's `e2e/` whose specs run for this target only. */
  extraSpecs?: string[];
  /** Other processes the target needs (e.g. a Redis server), each ready once its port answers. */
  services?: Array<{ name: string; command: string; port: number }>;
  /**
   * One more instance of the first app (same origin in AUTH_URL, same secret) on another port, with
   * these env overrides: several instances of one app, as behind a load balancer.
   */
  replica?: { port: number; env?: Record<string, string> };
  /** Whether the IdP supports RP-initiated logout (C4 then expects the IdP session to end). */
  rpLogout: boolean;
  /**
   * Whether the IdP gives this app refresh tokens (C12 then expects the extras to outlive a short
   * access-token lifetime); when not, why, from the vendor's docs, and the app must say so.
   */
  refreshTokens: { issued: true } | { issued: false; because: string };
  /** Values that must never reach the browser (C10). */
  secrets: () => string[];
}

// Each instance gets its own session secret, created once per run and inherited by the workers.
function runSecret(name: string): string {
  process.env[name] ??= randomBytes(32).toString("base64url");
  return process.env[name];
}

// An IdP's emulator on `port`, its control port the next one. An https emulator (the registry's `tls`)
// answers its health route over https only: the supervisor's plain-http /ready is the start-up probe.
const emulator = (idp: Idp, port: number, tokenPath: string): IdpServer => ({
  tokenPath,
  command: `"${process.execPath}" "${emulatorBin}" ${idp.id} --port ${port} --control-port ${port + 1} --start-timeout-ms ${READY_TIMEOUT_MS}`,
  origin: `${idp.emulator.tls ? "https" : "http"}://localhost:${port}`,
  healthUrl: idp.emulator.tls
    ? `http://localhost:${port + 1}/ready`
    : `http://localhost:${port}/__emulator/health`,
  controlUrl: `http://localhost:${port + 1}`,
});

// The real Django OAuth Toolkit 1.7.0 under the same stop/start controls as the emulators.
function realDjangoOauthToolkit(port: number): IdpServer {
  const superviseBin = join(dirname(emulatorBin), "idp-supervise.js");
  const root = dirname(require.resolve("@idp-gallery/django-idp/package.json"));
  const launcher = join(root, "bin", "django-idp.js");
  const dataDir = join(root, ".data", `e2e-${port}`);
  return {
    command: `"${process.execPath}" "${superviseBin}" --name "Django OAuth Toolkit 1.7.0" --port ${port} --issuer-path /o --start-timeout-ms ${READY_TIMEOUT_MS} -- "${process.execPath}" "${launcher}" --port ${port} --data-dir "${dataDir}"`,
    env: { DJANGO_IDP_TEST_CONTROLS: "1" },
    origin: `http://localhost:${port}`,
    healthUrl: `http://localhost:${port}/__emulator/health`,
    controlUrl: `http://localhost:${port + 1}`,
    tokenPath: "/o/token/",
  };
}

// The development CA the https emulators create on first start, in the emulators' default data dir.
const devCaDir = join(dirname(emulatorBin), "..", ".data", "ca");

/** The https emulators' `localhost` certificate, as Chromium's --ignore-certificate-errors-spki-list wants it. */
function localhostSpki(): string {
  const cert = new X509Certificate(readFileSync(join(devCaDir, "localhost.pem")));
  const spki = cert.publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}

const wso2Idp = idps.wso2;

// WSO2 serves https only, with the development CA.
const wso2Emulator: IdpServer = {
  ...emulator(wso2Idp, wso2Idp.e2e.idpPort, "/oauth2/token"),
  caFile: join(devCaDir, "ca.pem"),
  spkiPins: () => [localhostSpki()],
};

const wso2Client = clients[wso2Idp.id];
if (!wso2Client) throw new Error("fixtures/clients.json has no wso2 client");

// Each app's env is written with the keys the registry says it reads: `[env.url]` is `AUTH_URL`.
function wso2(name: string): E2eTarget {
  const client = wso2Client as NonNullable<typeof wso2Client>;
  const { env } = wso2Idp;
  return {
    ...fromRegistry(wso2Idp, name, wso2Adapter),
    idpServer: wso2Emulator,
    appEnv: (appUrl, idp = wso2Emulator) => ({
      ...appBaseEnv(env, appUrl),
      [env.issuer]: `${idp.origin}/oauth2/token`,
      [env.clientId]: client.clientId,
      [env.clientSecret]: client.clientSecret,
      [env.tenant]: "carbon.super",
      [env.caFile]: idp.caFile ?? "",
    }),
    rpLogout: true,
    refreshTokens: { issued: true },
    secrets: () => [client.clientSecret, ...secretsOfRun()],
  };
}

const djangoOidcIdp = idps["django-oidc"];

const djangoClient = clients[djangoOidcIdp.id];
if (!djangoClient) throw new Error("fixtures/clients.json has no django-oidc client");

// The Django OIDC app signs in against the emulator (a current DOT) and against the real DOT 1.7.0.
function djangoOidc(name: string, idpServer: IdpServer, rpLogout: boolean): E2eTarget {
  const client = djangoClient as NonNullable<typeof djangoClient>;
  const { env } = djangoOidcIdp;
  return {
    ...fromRegistry(djangoOidcIdp, name, djangoOidcAdapter),
    idpServer,
    appEnv: (appUrl, idp = idpServer) => ({
      ...appBaseEnv(env, appUrl),
      [env.issuer]: `${idp.origin}/o`,
      [env.clientId]: client.clientId,
      [env.clientSecret]: client.clientSecret,
    }),
    rpLogout,
    refreshTokens: { issued: true },
    secrets: () => [client.clientSecret, ...secretsOfRun()],
  };
}

const djangoEmulator = emulator(djangoOidcIdp, djangoOidcIdp.e2e.idpPort, "/o/token/");

const djangoSsoIdp = idps["django-sso"];

const ssoServices: Array<{ base_url: string; token: string }> =
  require("@idp-gallery/emulators/fixtures/clients.json")[djangoSsoIdp.id].services;

/** The token of the django-sso service registered with this app's origin as its base_url. */
function ssoToken(appUrl: string): string {
  const service = ssoServices.find((entry) => entry.base_url === new URL(appUrl).origin);
  if (!service)
    throw new Error(`fixtures/clients.json registers no django-sso service at ${appUrl}`);
  return service.token;
}

// The Django SSO app against the gateway emulator, with the embedded revocation store or with Redis.
function djangoSso(name: string, gatewayPort: number, redisPort?: number): E2eTarget {
  const { env } = djangoSsoIdp;
  const appPorts = djangoSsoIdp.e2e.appPorts;
  // The gateway confirms a sign-in on /sso/get/ (the step C7 makes fail).
  const gateway: IdpServer = emulator(djangoSsoIdp, gatewayPort, "/sso/get/");
  const redisUrl = redisPort ? `redis://127.0.0.1:${redisPort}` : undefined;
  return {
    ...fromRegistry(djangoSsoIdp, name, djangoSsoAdapter),
    idpServer: gateway,
    appEnv: (appUrl, idp = gateway) => ({
      ...appBaseEnv(env, appUrl),
      // Instance B reaches the gateway as 127.0.0.1, so its gateway session (a cookie on that host)
      // is its own: without it, B would be signed in as A's user by single sign-on, and A's global
      // logout would end B's session too (by design; e2e/back-channel.spec.ts checks exactly that).
      [env.root]:
        new URL(appUrl).port === String(appPorts[1])
          ? idp.origin.replace("//localhost:", "//127.0.0.1:")
          : idp.origin,
      [env.token]: ssoToken(appUrl),
      ...(redisUrl ? { [env.redisUrl]: redisUrl } : {}),
    }),
    rpLogout: true,
    refreshTokens: {
      issued: false,
      because:
        "django-sso's gateway issues no OAuth tokens: it vouches for the user once, and the app's session is its own (django-sso 1.1 README, \"How it works\").",
    },
    replica: {
      port: djangoSsoIdp.e2e.replicaPort,
      // With Redis the replica keeps its own file, so only Redis can make it agree with instance A.
      env: redisUrl ? { [env.dataDir]: ".data/replica" } : {},
    },
    ...(redisPort
      ? {
          services: [
            {
              name: "redis-server",
              command: `redis-server --port ${redisPort} --bind 127.0.0.1 --save "" --appendonly no`,
              port: redisPort,
            },
          ],
        }
      : {}),
    secrets: () => [...ssoServices.map((service) => service.token), ...secretsOfRun()],
  };
}

const logtoIdp = idps.logto;

const logtoClient = clients[logtoIdp.id];
if (!logtoClient) throw new Error("fixtures/clients.json has no logto client");

// The Logto app against its emulator, with the encrypted-cookie session or with Redis.
function logto(name: string, emulatorPort: number, redisPort?: number): E2eTarget {
  const client = logtoClient as NonNullable<typeof logtoClient>;
  const { env } = logtoIdp;
  const appPorts = logtoIdp.e2e.appPorts;
  // Registered as a third-party app here, so Logto shows its consent page: the contract needs a step
  // between sign-in and callback to deny (C6) or to fail the token call (C7). First-party
  // auto-consent (the dev default) is covered by the emulator's unit tests.
  const idpServer: IdpServer = {
    ...emulator(logtoIdp, emulatorPort, "/oidc/token"),
    env: { LOGTO_EMULATOR_THIRD_PARTY: "1" },
  };
  const redisUrl = redisPort ? `redis://127.0.0.1:${redisPort}` : undefined;
  return {
    ...fromRegistry(logtoIdp, name, logtoAdapter),
    idpServer,
    appEnv: (appUrl, idp = idpServer) => ({
      ...appBaseEnv(env, appUrl),
      [env.endpoint]: idp.origin,
      // LOGTO_APP_ID, LOGTO_APP_SECRET. The SDK names its cookie after the app id: the second
      // instance is its own Logto application.
      [env.appId]: logtoAppFor(appUrl).clientId,
      [env.appSecret]: logtoAppFor(appUrl).clientSecret,
      [env.apiResource]: "https://api.gallery.example",
      [env.apiScope]: "read:data",
      [env.redisUrl]: redisUrl ?? "",
    }),
    rpLogout: true,
    refreshTokens: { issued: true },
    ...(redisPort
      ? {
          // A second instance of app A (same AUTH_URL and secret), as behind a load balancer.
          replica: { port: logtoIdp.e2e.variants.redis.replicaPort },
          extraSpecs: ["redis"],
          services: [
            {
              name: "redis-server",
              command: `redis-server --port ${redisPort} --bind 127.0.0.1 --save "" --appendonly no`,
              port: redisPort,
            },
          ],
        }
      : {}),
    secrets: () => [
      client.clientSecret,
      ...(client.additionalClients ?? []).map((other) => other.clientSecret),
      ...secretsOfRun(),
    ],
  };

  function logtoAppFor(appUrl: string): FixtureClient {
    if (new URL(appUrl).port !== String(appPorts[1])) return client;
    const second = client.additionalClients?.[0];
    if (!second) throw new Error("fixtures/clients.json registers no second Logto application");
    return second;
  }
}

interface BeyondIdentityTenant {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  realmId: string;
  applicationId: string;
  authenticatorConfigId: string;
  management: {
    adminRealmId: string;
    applicationId: string;
    clientId: string;
    clientSecret: string;
  };
}

const beyondIdentityIdp = idps["beyond-identity"];

const biTenant = (clients as unknown as Record<string, BeyondIdentityTenant | undefined>)[
  beyondIdentityIdp.id
];
if (!biTenant) throw new Error("fixtures/clients.json has no beyond-identity tenant");

// The Beyond Identity app against its emulator (OIDC, management API, passkeys); the contract enrols
// the seeded users' passkeys itself, in Chromium's virtual authenticator.
function beyondIdentity(name: string, emulatorPort: number): E2eTarget {
  const tenant = biTenant as BeyondIdentityTenant;
  const { env } = beyondIdentityIdp;
  const idpServer = emulator(
    beyondIdentityIdp,
    emulatorPort,
    `/v1/tenants/${tenant.tenantId}/realms/${tenant.realmId}/applications/${tenant.applicationId}/token`,
  );
  return {
    ...fromRegistry(beyondIdentityIdp, name, beyondIdentityAdapter(users)),
    idpServer,
    appEnv: (appUrl, idp = idpServer) => ({
      ...appBaseEnv(env, appUrl),
      [env.issuer]: `${idp.origin}/v1/tenants/${tenant.tenantId}/realms/${tenant.realmId}/applications/${tenant.applicationId}`,
      [env.clientId]: tenant.clientId,
      [env.clientSecret]: tenant.clientSecret,
      [env.apiUrl]: idp.origin,
      [env.authenticatorConfigId]: tenant.authenticatorConfigId,
      [env.managementTokenUrl]: `${idp.origin}/v1/tenants/${tenant.tenantId}/realms/${tenant.management.adminRealmId}/applications/${tenant.management.applicationId}/token`,
      [env.managementClientId]: tenant.management.clientId,
      [env.managementClientSecret]: tenant.management.clientSecret,
      [env.passkeyClient]: "local",
    }),
    rpLogout: false,
    refreshTokens: { issued: true },
    secrets: () => [tenant.clientSecret, tenant.management.clientSecret, ...secretsOfRun()],
  };
}

/**
 * Each IdP's targets: the first is named by the IdP's id and signs in with its emulator; the others,
 * `<id>@<variant>`, use the ports of the registry's `e2e.variants`.
 */
const targetsOf: Record<IdpId, () => E2eTarget[]> = {
  wso2: () => [wso2(wso2Idp.id)],
  "beyond-identity": () => [beyondIdentity(beyondIdentityIdp.id, beyondIdentityIdp.e2e.idpPort)],
  "django-oidc": () => {
    const dot = djangoOidcIdp.e2e.variants["dot-1.7"];
    return [
      djangoOidc(djangoOidcIdp.id, djangoEmulator, true),
      {
        ...djangoOidc(`${djangoOidcIdp.id}@dot-1.7`, realDjangoOauthToolkit(dot.idpPort), false),
        // The emulator runs beside the real DOT so the drift check can compare the two.
        companion: {
          name: "Django OAuth Toolkit emulator",
          idpServer: djangoEmulator,
          appPort: dot.companionAppPort,
        },
        extraSpecs: ["drift"],
      },
    ];
  },
  logto: () => {
    const redis = logtoIdp.e2e.variants.redis;
    return [
      logto(logtoIdp.id, logtoIdp.e2e.idpPort),
      logto(`${logtoIdp.id}@redis`, redis.idpPort, redis.redisPort),
    ];
  },
  "django-sso": () => {
    const redis = djangoSsoIdp.e2e.variants.redis;
    return [
      djangoSso(djangoSsoIdp.id, djangoSsoIdp.e2e.idpPort),
      djangoSso(`${djangoSsoIdp.id}@redis`, redis.idpPort, redis.redisPort),
    ];
  },
};

export const targets: Record<string, E2eTarget> = Object.fromEntries(
  idpList.flatMap((idp) => targetsOf[idp.id]()).map((target) => [target.name, target]),
);

/** What every target takes from the registry: its app, its IdP and the app's two e2e ports. */
function fromRegistry(entry: Idp, name: string, adapter: IdpAdapter) {
  const { id, idpName, e2e } = entry;
  return { name, app: id, idp: id, idpName, adapter, users, appPorts: e2e.appPorts };
}

/** How long sessions last under e2e: set, so C13 knows the absolute lifetime it ages past. */
export const e2eSessionLifetime = { idleSeconds: 3600, absoluteSeconds: 7200 };

/**
 * The env every app reads: its origin, a session secret of its own for this run, its lifetimes, and
 * leave to run its production build against the emulators (dev-only- secrets, http, loopback IdPs).
 */
function appBaseEnv(env: Idp["env"], appUrl: string): Record<string, string> {
  return {
    AUTH_ALLOW_DEV_SETTINGS: "1",
    [env.url]: appUrl,
    [env.secret]: runSecret(`E2E_AUTH_SECRET_${new URL(appUrl).port}`),
    AUTH_SESSION_IDLE_SECONDS: String(e2eSessionLifetime.idleSeconds),
    AUTH_SESSION_ABSOLUTE_SECONDS: String(e2eSessionLifetime.absoluteSeconds),
  };
}

function secretsOfRun(): string[] {
  return Object.entries(process.env)
    .filter(([key]) => key.startsWith("E2E_AUTH_SECRET_"))
    .map(([, value]) => value ?? "")
    .filter(Boolean);
}

/** The targets of one app (its emulator, and later the real IdP where one runs here). */
export function targetsForApp(app: string): E2eTarget[] {
  return Object.values(targets).filter((target) => target.app === app);
}

export function getTarget(name: string): E2eTarget {
  const target = targets[name];
  if (!target)
    throw new Error(`Unknown e2e target "${name}". Known: ${Object.keys(targets).join(", ")}`);
  return target;
}
