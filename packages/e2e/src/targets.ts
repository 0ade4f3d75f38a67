import { createHash, randomBytes, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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
const clients: Record<
  string,
  { clientId: string; clientSecret: string }
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
  idp: "wso2" | "beyond-identity" | "django-oidc" | "logto" | "django-sso";
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
  /** Values that must never reach the browser (C10). */
  secrets: () => string[];
}

// Each instance gets its own session secret, created once per run and inherited by the workers.
function runSecret(name: string): string {
  process.env[name] ??= randomBytes(32).toString("base64url");
  return process.env[name];
}

const emulator = (idp: string, port: number, tokenPath: string): IdpServer => ({
  tokenPath,
  command: `"${process.execPath}" "${emulatorBin}" ${idp} --port ${port} --control-port ${port + 1} --start-timeout-ms ${READY_TIMEOUT_MS}`,
  origin: `http://localhost:${port}`,
  healthUrl: `http://localhost:${port}/__emulator/health`,
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

// WSO2 serves https only; the supervisor's plain-http /ready is the start-up probe.
const wso2Emulator: IdpServer = {
  ...emulator("wso2", 9843, "/oauth2/token"),
  origin: "https://localhost:9843",
  healthUrl: "http://localhost:9844/ready",
  caFile: join(devCaDir, "ca.pem"),
  spkiPins: () => [localhostSpki()],
};

const wso2Client = clients.wso2;
if (!wso2Client) throw new Error("fixtures/clients.json has no wso2 client");

const djangoClient = clients["django-oidc"];
if (!djangoClient) throw new Error("fixtures/clients.json has no django-oidc client");

// The Django OIDC app signs in against the emulator (a current DOT) and against the real DOT 1.7.0.
function djangoOidc(name: string, idpServer: IdpServer, rpLogout: boolean): E2eTarget {
  const client = djangoClient as NonNullable<typeof djangoClient>;
  return {
    name,
    app: "django-oidc",
    idp: "django-oidc",
    idpName: "Django OAuth Toolkit",
    adapter: djangoOidcAdapter,
    users,
    appPorts: [4003, 4103],
    idpServer,
    appEnv: (appUrl, idp = idpServer) => ({
      AUTH_URL: appUrl,
      AUTH_SECRET: runSecret(`E2E_AUTH_SECRET_${new URL(appUrl).port}`),
      AUTH_DJANGO_ISSUER: `${idp.origin}/o`,
      AUTH_DJANGO_ID: client.clientId,
      AUTH_DJANGO_SECRET: client.clientSecret,
    }),
    rpLogout,
    secrets: () => [client.clientSecret, ...secretsOfRun()],
  };
}

const djangoEmulator = emulator("django-oidc", 8800, "/o/token/");

const ssoServices: Array<{ base_url: string; token: string }> =
  require("@idp-gallery/emulators/fixtures/clients.json")["django-sso"].services;

/** The token of the django-sso service registered with this app's origin as its base_url. */
function ssoToken(appUrl: string): string {
  const service = ssoServices.find((entry) => entry.base_url === new URL(appUrl).origin);
  if (!service)
    throw new Error(`fixtures/clients.json registers no django-sso service at ${appUrl}`);
  return service.token;
}

// The Django SSO app against the gateway emulator, with the embedded revocation store or with Redis.
function djangoSso(name: string, gatewayPort: number, redisPort?: number): E2eTarget {
  const appPorts = [4005, 4105] as const;
  // The gateway confirms a sign-in on /sso/get/ (the step C7 makes fail).
  const gateway: IdpServer = emulator("django-sso", gatewayPort, "/sso/get/");
  const redisUrl = redisPort ? `redis://127.0.0.1:${redisPort}` : undefined;
  return {
    name,
    app: "django-sso",
    idp: "django-sso",
    idpName: "Django SSO",
    adapter: djangoSsoAdapter,
    users,
    appPorts,
    idpServer: gateway,
    appEnv: (appUrl, idp = gateway) => ({
      AUTH_URL: appUrl,
      AUTH_SECRET: runSecret(`E2E_AUTH_SECRET_${new URL(appUrl).port}`),
      // Instance B reaches the gateway as 127.0.0.1, so its gateway session (a cookie on that host)
      // is its own: without it, B would be signed in as A's user by single sign-on, and A's global
      // logout would end B's session too (by design; e2e/back-channel.spec.ts checks exactly that).
      AUTH_DJANGO_SSO_ROOT:
        new URL(appUrl).port === String(appPorts[1])
          ? idp.origin.replace("//localhost:", "//127.0.0.1:")
          : idp.origin,
      AUTH_DJANGO_SSO_TOKEN: ssoToken(appUrl),
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    }),
    rpLogout: true,
    replica: {
      port: 4205,
      // With Redis the replica keeps its own file, so only Redis can make it agree with instance A.
      env: redisUrl ? { AUTH_DATA_DIR: ".data/replica" } : {},
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

const logtoClient = clients.logto;
if (!logtoClient) throw new Error("fixtures/clients.json has no logto client");

// The Logto app against its emulator, with the encrypted-cookie session or with Redis.
function logto(name: string, emulatorPort: number, redisPort?: number): E2eTarget {
  const client = logtoClient as NonNullable<typeof logtoClient>;
  // Registered as a third-party app here, so Logto shows its consent page: the contract needs a step
  // between sign-in and callback to deny (C6) or to fail the token call (C7). First-party
  // auto-consent (the dev default) is covered by the emulator's unit tests.
  const idpServer: IdpServer = {
    ...emulator("logto", emulatorPort, "/oidc/token"),
    env: { LOGTO_EMULATOR_THIRD_PARTY: "1" },
  };
  const redisUrl = redisPort ? `redis://127.0.0.1:${redisPort}` : undefined;
  return {
    name,
    app: "logto",
    idp: "logto",
    idpName: "Logto",
    adapter: logtoAdapter,
    users,
    appPorts: [4004, 4104],
    idpServer,
    appEnv: (appUrl, idp = idpServer) => ({
      AUTH_URL: appUrl,
      AUTH_SECRET: runSecret(`E2E_AUTH_SECRET_${new URL(appUrl).port}`),
      LOGTO_ENDPOINT: idp.origin,
      LOGTO_APP_ID: client.clientId,
      LOGTO_APP_SECRET: client.clientSecret,
      LOGTO_API_RESOURCE: "https://api.gallery.example",
      LOGTO_API_SCOPE: "read:data",
      REDIS_URL: redisUrl ?? "",
    }),
    rpLogout: true,
    ...(redisPort
      ? {
          // A second instance of app A (same AUTH_URL and secret), as behind a load balancer.
          replica: { port: 4204 },
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
    secrets: () => [client.clientSecret, ...secretsOfRun()],
  };
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

const biTenant = (clients as unknown as Record<string, BeyondIdentityTenant | undefined>)[
  "beyond-identity"
];
if (!biTenant) throw new Error("fixtures/clients.json has no beyond-identity tenant");

// The Beyond Identity app against its emulator (OIDC, management API, passkeys); the contract enrols
// the seeded users' passkeys itself, in Chromium's virtual authenticator.
function beyondIdentity(name: string, emulatorPort: number): E2eTarget {
  const tenant = biTenant as BeyondIdentityTenant;
  const idpServer = emulator(
    "beyond-identity",
    emulatorPort,
    `/v1/tenants/${tenant.tenantId}/realms/${tenant.realmId}/applications/${tenant.applicationId}/token`,
  );
  return {
    name,
    app: "beyond-identity",
    idp: "beyond-identity",
    idpName: "Beyond Identity",
    adapter: beyondIdentityAdapter(users),
    users,
    appPorts: [4002, 4102],
    idpServer,
    appEnv: (appUrl, idp = idpServer) => ({
      AUTH_URL: appUrl,
      AUTH_SECRET: runSecret(`E2E_AUTH_SECRET_${new URL(appUrl).port}`),
      AUTH_BEYONDIDENTITY_ISSUER: `${idp.origin}/v1/tenants/${tenant.tenantId}/realms/${tenant.realmId}/applications/${tenant.applicationId}`,
      AUTH_BEYONDIDENTITY_ID: tenant.clientId,
      AUTH_BEYONDIDENTITY_SECRET: tenant.clientSecret,
      BEYOND_IDENTITY_API_URL: idp.origin,
      BEYOND_IDENTITY_AUTHENTICATOR_CONFIG_ID: tenant.authenticatorConfigId,
      BEYOND_IDENTITY_MANAGEMENT_TOKEN_URL: `${idp.origin}/v1/tenants/${tenant.tenantId}/realms/${tenant.management.adminRealmId}/applications/${tenant.management.applicationId}/token`,
      BEYOND_IDENTITY_MANAGEMENT_CLIENT_ID: tenant.management.clientId,
      BEYOND_IDENTITY_MANAGEMENT_CLIENT_SECRET: tenant.management.clientSecret,
      BEYOND_IDENTITY_PASSKEY_CLIENT: "local",
    }),
    rpLogout: false,
    secrets: () => [tenant.clientSecret, tenant.management.clientSecret, ...secretsOfRun()],
  };
}

export const targets: Record<string, E2eTarget> = {
  "beyond-identity": beyondIdentity("beyond-identity", 8860),
  wso2: {
    name: "wso2",
    app: "wso2",
    idp: "wso2",
    idpName: "WSO2 Identity Server",
    adapter: wso2Adapter,
    users,
    appPorts: [4001, 4101],
    idpServer: wso2Emulator,
    appEnv: (appUrl, idp = wso2Emulator) => ({
      AUTH_URL: appUrl,
      AUTH_SECRET: runSecret(`E2E_AUTH_SECRET_${new URL(appUrl).port}`),
      AUTH_WSO2_ISSUER: `${idp.origin}/oauth2/token`,
      AUTH_WSO2_ID: wso2Client.clientId,
      AUTH_WSO2_SECRET: wso2Client.clientSecret,
      AUTH_WSO2_TENANT: "carbon.super",
      AUTH_WSO2_CA_FILE: idp.caFile ?? "",
    }),
    rpLogout: true,
    secrets: () => [wso2Client.clientSecret, ...secretsOfRun()],
  },
  "django-oidc": djangoOidc("django-oidc", djangoEmulator, true),
  "django-sso": djangoSso("django-sso", 8820),
  "django-sso@redis": djangoSso("django-sso@redis", 8830, 6390),
  logto: logto("logto", 8840),
  "logto@redis": logto("logto@redis", 8850, 6391),
  "django-oidc@dot-1.7": {
    ...djangoOidc("django-oidc@dot-1.7", realDjangoOauthToolkit(8810), false),
    // The emulator runs beside the real DOT so the drift check can compare the two.
    companion: { name: "Django OAuth Toolkit emulator", idpServer: djangoEmulator, appPort: 4203 },
    extraSpecs: ["drift"],
  },
};

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
