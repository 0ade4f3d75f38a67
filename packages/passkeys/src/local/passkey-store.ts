import { z } from "zod";
import type { Passkey } from "../types.ts";

// The SDK keeps its passkeys in the origin's IndexedDB; this keeps their public description (never a
// key: private keys stay in the authenticator) in the origin's localStorage.
const KEY = "idp-gallery:passkeys";

const passkeySchema = z.object({
  id: z.string().min(1),
  passkeyId: z.string().min(1),
  created: z.string(),
  state: z.enum([
    "Active",
    "DeviceDeleted",
    "Invalid",
    "Revoked",
    "UserDeleted",
    "UserSuspended",
    "Unknown",
  ]),
  keyType: z.enum(["subtle", "webauthn"]).optional(),
  tenant: z.object({ id: z.string(), displayName: z.string() }),
  realm: z.object({ id: z.string(), displayName: z.string() }),
  identity: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string().optional(),
    externalId: z.string().optional(),
    emailAddress: z.string().optional(),
  }),
  theme: z.object({
    logoUrlLight: z.string(),
    logoUrlDark: z.string(),
    supportUrl: z.string().optional(),
  }),
});

const storedSchema = z.array(passkeySchema);

export interface PasskeyStore {
  list(): Passkey[];
  add(passkey: Passkey): void;
  remove(id: string): void;
}

/** Passkeys this browser bound on this origin; unreadable entries are dropped, never thrown at a page. */
export function createPasskeyStore(storage: Pick<Storage, "getItem" | "setItem">): PasskeyStore {
  const list = (): Passkey[] => {
    try {
      const parsed = storedSchema.safeParse(JSON.parse(storage.getItem(KEY) ?? "[]"));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  };
  const save = (passkeys: Passkey[]) => storage.setItem(KEY, JSON.stringify(passkeys));
  return {
    list,
    add: (passkey) => save([...list().filter((p) => p.id !== passkey.id), passkey]),
    remove: (id) => save(list().filter((p) => p.id !== id)),
  };
}
