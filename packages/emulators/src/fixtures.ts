import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { packageRoot } from "./package-root.ts";

const userSchema = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  password: z.string().min(1),
  name: z.string().min(1),
  givenName: z.string(),
  familyName: z.string(),
  email: z.email(),
});

const usersFileSchema = z.object({
  $comment: z.string().optional(),
  users: z.array(userSchema).min(1),
});

const registeredClientSchema = z.object({
  name: z.string().min(1),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.url()).min(1),
  postLogoutRedirectUris: z.array(z.url()),
});

const clientSchema = registeredClientSchema.extend({
  /** More applications registered at the same IdP (Logto: one per app instance, since the SDK names its cookie after the app id). */
  additionalClients: z.array(registeredClientSchema).optional(),
});

const clientsFileSchema = z.record(z.string(), clientSchema);

// A django-sso gateway's "Subordinated services", as its admin shows them.
const ssoServiceSchema = z.object({
  name: z.string().min(1),
  base_url: z.url({ protocol: /^https?$/ }),
  enabled: z.boolean(),
  token: z.string().min(32).max(128),
});

const ssoGatewaySchema = z.object({
  $comment: z.string().optional(),
  services: z.array(ssoServiceSchema).min(1),
});

const hex16 = z.string().regex(/^[0-9a-f]{16}$/);

// A Beyond Identity tenant: the app's client plus the ids around it and the Management API client.
const beyondIdentitySchema = clientSchema.extend({
  tokenEndpointAuthMethod: z.literal("client_secret_basic"),
  tenantId: hex16,
  tenantDisplayName: z.string().min(1),
  realmId: hex16,
  realmDisplayName: z.string().min(1),
  applicationId: z.uuid(),
  authenticatorConfigId: z.uuid(),
  management: z.object({
    adminRealmId: hex16,
    applicationId: z.uuid(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
  }),
});

export type FixtureUser = z.infer<typeof userSchema>;
export type FixtureClient = z.infer<typeof clientSchema>;
export type RegisteredClient = z.infer<typeof registeredClientSchema>;
export type SsoService = z.infer<typeof ssoServiceSchema>;
export type BeyondIdentityTenant = z.infer<typeof beyondIdentitySchema>;

function readFixture(file: string): unknown {
  return JSON.parse(readFileSync(join(packageRoot(), "fixtures", file), "utf8"));
}

function loadClients(): Record<string, FixtureClient> {
  // The file documents itself with "$comment"; everything else is one client per IdP id, except the
  // django-sso gateway's services (not OIDC clients), read by ssoServices.
  const {
    $comment: _comment,
    "django-sso": _gateway,
    ...rest
  } = readFixture("clients.json") as Record<string, unknown>;
  return clientsFileSchema.parse(rest);
}

export const users: readonly FixtureUser[] = usersFileSchema.parse(readFixture("users.json")).users;

export const clients: Readonly<Record<string, FixtureClient>> = loadClients();

/** The services registered at the django-sso gateway emulator (development tokens only). */
export const ssoServices: readonly SsoService[] = ssoGatewaySchema.parse(
  (readFixture("clients.json") as Record<string, unknown>)["django-sso"],
).services;

export function findUser(username: string): FixtureUser | undefined {
  // Django usernames are case-sensitive, so no normalisation here.
  return users.find((user) => user.username === username);
}

export function getClient(idp: string): FixtureClient {
  const client = clients[idp];
  if (!client) throw new Error(`fixtures/clients.json has no client for "${idp}"`);
  return client;
}

/** Every application registered at one IdP: its main client, then its additional ones. */
export function clientsOf(idp: string): readonly RegisteredClient[] {
  const { additionalClients = [], ...client } = getClient(idp);
  return [client, ...additionalClients];
}

/** The Beyond Identity tenant the emulator serves: ids, the app's client, the Management API client. */
export const beyondIdentityTenant: BeyondIdentityTenant = beyondIdentitySchema.parse(
  (readFixture("clients.json") as Record<string, unknown>)["beyond-identity"],
);
