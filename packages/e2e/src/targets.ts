import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { IdpAdapter, SeededUser } from "./adapter.ts";
import { djangoOidcAdapter } from "./adapters/django-oidc.ts";

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
  command: `"${process.execPath}" "${emulatorBin}" ${idp} --port ${port} --control-port ${port + 1}`,
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
    command: `"${process.execPath}" "${superviseBin}" --name "Django OAuth Toolkit 1.7.0" --port ${port} --issuer-path /o -- "${process.execPath}" "${launcher}" --port ${port} --data-dir "${dataDir}"`,
    env: { DJANGO_IDP_TEST_CONTROLS: "1" },
    origin: `http://localhost:${port}`,
    healthUrl: `http://localhost:${port}/__emulator/health`,
    controlUrl: `http://localhost:${port + 1}`,
    tokenPath: "/o/token/",
  };
}

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

export const targets: Record<string, E2eTarget> = {
  "django-oidc": djangoOidc("django-oidc", djangoEmulator, true),
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
