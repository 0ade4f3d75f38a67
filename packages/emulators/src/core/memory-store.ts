import type { Adapter, AdapterPayload } from "oidc-provider";

interface Entry {
  payload: AdapterPayload;
  expiresAt: number | undefined;
}

/** oidc-provider's state (sessions, grants, codes, tokens, interactions) in one Map we can clear. */
export class MemoryStore {
  #entries = new Map<string, Entry>();

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  #get(key: string): AdapterPayload | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  #findBy(model: string, match: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    for (const key of this.#entries.keys()) {
      if (!key.startsWith(`${model}:`)) continue;
      const payload = this.#get(key);
      if (payload && match(payload)) return payload;
    }
    return undefined;
  }

  /** Deletes the live entries of `model` that match, at once (test controls, refresh policies). */
  destroyWhere(model: string, match: (payload: AdapterPayload) => boolean): number {
    let count = 0;
    for (const key of [...this.#entries.keys()]) {
      if (!key.startsWith(`${model}:`)) continue;
      const payload = this.#get(key);
      if (!payload || !match(payload)) continue;
      this.#entries.delete(key);
      count += 1;
    }
    return count;
  }

  adapterFor = (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert: async (id, payload, expiresIn) => {
        const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : undefined;
        this.#entries.set(key(id), { payload, expiresAt });
      },
      find: async (id) => this.#get(key(id)),
      findByUid: async (uid) => this.#findBy(model, (payload) => payload.uid === uid),
      findByUserCode: async (userCode) =>
        this.#findBy(model, (payload) => payload.userCode === userCode),
      consume: async (id) => {
        const payload = this.#get(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.#entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const [entryKey, entry] of this.#entries) {
          if (entry.payload.grantId === grantId) this.#entries.delete(entryKey);
        }
      },
    };
  };
}
