import type { FixtureUser } from "../fixtures.ts";

/** The API resource registered in the emulated tenant, with its permissions (scopes). */
export const API_RESOURCE = "https://api.gallery.example";
export const API_SCOPES = ["read:data", "write:data"] as const;

export const ORGANIZATIONS_SCOPE = "urn:logto:scope:organizations";
export const ORGANIZATION_ROLES_SCOPE = "urn:logto:scope:organization_roles";
// @logto/js ReservedResource.Organization, requested with the organizations scope.
export const ORGANIZATIONS_RESOURCE = "urn:logto:resource:organizations";
export const organizationAudience = (id: string) => `urn:logto:organization:${id}`;

export interface LogtoOrganization {
  id: string;
  name: string;
  description: string | null;
  /** Organization role → its organization permissions (scopes). */
  roles: Record<string, string[]>;
}

export const organizations: readonly LogtoOrganization[] = [
  {
    id: "wonderland",
    name: "Wonderland Inc.",
    description: "Tea parties and croquet",
    roles: { admin: ["read:members", "invite:members"], member: ["read:members"] },
  },
  {
    id: "builders",
    name: "Builders Co.",
    description: null,
    roles: { member: ["read:members"] },
  },
];

interface LogtoProfile {
  /** Logto user ids: 12 lowercase letters and digits. */
  id: string;
  customData: Record<string, unknown>;
  /** Organization id → role names. */
  memberships: Record<string, string[]>;
  createdAt: number;
}

// Keyed by the fixture username; the Logto-only parts of the seeded users.
const profiles: Record<string, LogtoProfile> = {
  alice: {
    id: "a1iceliddel1",
    customData: { plan: "pro", favouriteColour: "blue" },
    memberships: { wonderland: ["admin"] },
    createdAt: 1_700_000_000_000,
  },
  bob: {
    id: "b0btanaka199",
    customData: { plan: "free" },
    memberships: { builders: ["member"] },
    createdAt: 1_700_000_100_000,
  },
};

export function logtoProfile(user: FixtureUser): LogtoProfile {
  return (
    profiles[user.username] ?? {
      id: `user${user.id}`.padEnd(12, "0").slice(0, 12),
      customData: {},
      memberships: {},
      createdAt: 1_700_000_000_000,
    }
  );
}

/** The scopes an organization token carries: the user's role permissions ∩ the requested ones. */
export function organizationScopes(user: FixtureUser, organizationId: string): string[] | null {
  const roles = logtoProfile(user).memberships[organizationId];
  const organization = organizations.find((candidate) => candidate.id === organizationId);
  if (!roles || !organization) return null;
  return [...new Set(roles.flatMap((role) => organization.roles[role] ?? []))];
}

/** Every organization permission of the tenant. */
export function organizationPermissions(): string[] {
  return [...new Set(organizations.flatMap((org) => Object.values(org.roles).flat()))];
}
