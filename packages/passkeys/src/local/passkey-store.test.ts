import { describe, expect, it } from "vitest";
import type { Passkey } from "../types.ts";
import { createPasskeyStore } from "./passkey-store.ts";

function memoryStorage(initial?: string) {
  const data = new Map<string, string>(initial ? [["idp-gallery:passkeys", initial]] : []);
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

const passkey = (id: string, username: string): Passkey => ({
  id,
  passkeyId: id,
  created: "2026-11-22T10:00:00.000Z",
  state: "Active",
  keyType: "webauthn",
  tenant: { id: "t", displayName: "Tenant" },
  realm: { id: "r", displayName: "Realm" },
  identity: { id: `i-${username}`, username, emailAddress: `${username}@example.com` },
  theme: { logoUrlLight: "", logoUrlDark: "" },
});

describe("createPasskeyStore", () => {
  it("keeps several passkeys, replaces one bound again, and removes one", () => {
    const store = createPasskeyStore(memoryStorage());
    store.add(passkey("a", "alice"));
    store.add(passkey("b", "bob"));
    store.add({ ...passkey("a", "alice"), created: "2026-11-23T00:00:00.000Z" });
    expect(store.list().map((p) => [p.id, p.created])).toEqual([
      ["b", "2026-11-22T10:00:00.000Z"],
      ["a", "2026-11-23T00:00:00.000Z"],
    ]);
    store.remove("b");
    expect(store.list().map((p) => p.id)).toEqual(["a"]);
  });

  it("reads corrupt or foreign data as no passkeys instead of throwing", () => {
    expect(createPasskeyStore(memoryStorage("{not json")).list()).toEqual([]);
    expect(createPasskeyStore(memoryStorage('[{"id":1}]')).list()).toEqual([]);
  });
});
