import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { type FixtureUser, users as fixtureUsers } from "../fixtures.ts";
import { tenant } from "./beyond-identity-tenant.ts";

/**
 * The tenant's own state, in memory: the realm's identities (the fixture users seeded), passkeys,
 * credential-binding jobs, pending WebAuthn challenges, the email outbox and pending policy denials.
 * oidc-provider's state (interactions, grants, codes, tokens) stays in the core's store.
 */

export interface IdentityTraits {
  type: "traits_v0";
  username: string;
  primary_email_address?: string;
}

/** An identity as the Management API answers it. */
export interface Identity {
  id: string;
  realm_id: string;
  tenant_id: string;
  display_name: string;
  create_time: string;
  update_time: string;
  traits: IdentityTraits;
}

export interface Passkey {
  /** The server's passkey id (16 hex), what the app's client names at sign-in. */
  id: string;
  /** WebAuthn credential id, base64url. */
  credentialId: string;
  /** COSE public key. */
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  identityId: string;
  tenantId: string;
  realmId: string;
  createTime: string;
}

export type DeliveryMethod = "RETURN" | "EMAIL";

/** A credential-binding job as the Management API answers it. */
export interface BindingJob {
  id: string;
  realm_id: string;
  tenant_id: string;
  identity_id: string;
  delivery_method: DeliveryMethod;
  state: "LINK_SENT" | "COMPLETE";
  post_binding_redirect_uri?: string;
  authenticator_config_id: string;
  expire_time: string;
  create_time: string;
  update_time: string;
}

interface StoredJob {
  job: BindingJob;
  /** The link's secret; single use. */
  token: string;
}

/** What a challenge was issued for. */
export type ChallengePurpose =
  | { kind: "registration"; jobId: string }
  | { kind: "authentication"; interactionUid: string; passkeyId: string };

export type Challenge = ChallengePurpose & { expiresAt: number };

export interface OutboxMessage {
  to: string;
  subject: string;
  time: string;
  link: string;
}

const JOB_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const CHALLENGE_TTL_MS = 5 * 60 * 1000;
// Seeded identities get a fixed creation time, so they look the same after every reset.
const SEEDED_AT = "2026-01-01T00:00:00.000Z";

export const hex16 = () => randomBytes(8).toString("hex");

/** A fixture user's identity id: stable 16 hex, derived from the username. */
export function identityIdFor(username: string): string {
  return createHash("sha256").update(`beyond-identity:${username}`).digest("hex").slice(0, 16);
}

function seededIdentity(user: FixtureUser): Identity {
  return {
    id: identityIdFor(user.username),
    realm_id: tenant.realmId,
    tenant_id: tenant.tenantId,
    display_name: user.name,
    create_time: SEEDED_AT,
    update_time: SEEDED_AT,
    traits: { type: "traits_v0", username: user.username, primary_email_address: user.email },
  };
}

export type BindingCheck =
  | { ok: true; job: BindingJob; identity: Identity }
  | { ok: false; reason: "not_found" | "invalid_token" | "expired" | "used" };

const digest = (value: string) => createHash("sha256").update(value).digest();

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

export class BeyondIdentityStore {
  #identities = new Map<string, Identity>();
  #passkeys = new Map<string, Passkey>();
  #jobs = new Map<string, StoredJob>();
  #challenges = new Map<string, Challenge>();
  #outbox: OutboxMessage[] = [];
  #denials = 0;

  constructor() {
    this.reset();
  }

  /** Forgets everything registered since the start and seeds the fixture users again. */
  reset(): void {
    this.#identities.clear();
    this.#passkeys.clear();
    this.#jobs.clear();
    this.#challenges.clear();
    this.#outbox = [];
    this.#denials = 0;
    for (const user of fixtureUsers) {
      const identity = seededIdentity(user);
      this.#identities.set(identity.id, identity);
    }
  }

  // Identities

  findIdentity(id: string): Identity | undefined {
    return this.#identities.get(id);
  }

  /** Every identity, oldest first, optionally filtered by a trait (case-insensitive, as emails are). */
  listIdentities(filter?: { trait: "username" | "primary_email_address"; value: string }) {
    const all = [...this.#identities.values()];
    return filter
      ? all.filter((identity) => same(identity.traits[filter.trait], filter.value))
      : all;
  }

  /** Creates an identity; undefined when its username or email is taken. */
  createIdentity(displayName: string, traits: IdentityTraits): Identity | undefined {
    const taken = [...this.#identities.values()].some(
      (identity) =>
        same(identity.traits.username, traits.username) ||
        same(identity.traits.primary_email_address, traits.primary_email_address),
    );
    if (taken) return undefined;
    const now = new Date().toISOString();
    const identity: Identity = {
      id: hex16(),
      realm_id: tenant.realmId,
      tenant_id: tenant.tenantId,
      display_name: displayName,
      create_time: now,
      update_time: now,
      traits,
    };
    this.#identities.set(identity.id, identity);
    return identity;
  }

  // Passkeys

  findPasskey(id: string): Passkey | undefined {
    return this.#passkeys.get(id);
  }

  hasCredential(credentialId: string): boolean {
    return [...this.#passkeys.values()].some((passkey) => passkey.credentialId === credentialId);
  }

  addPasskey(passkey: Omit<Passkey, "id" | "createTime" | "tenantId" | "realmId">): Passkey {
    const stored: Passkey = {
      ...passkey,
      id: hex16(),
      createTime: new Date().toISOString(),
      tenantId: tenant.tenantId,
      realmId: tenant.realmId,
    };
    this.#passkeys.set(stored.id, stored);
    return stored;
  }

  // Credential-binding jobs

  createJob(
    identity: Identity,
    input: Pick<BindingJob, "delivery_method" | "authenticator_config_id"> & {
      post_binding_redirect_uri?: string;
    },
  ): { job: BindingJob; token: string } {
    const now = new Date();
    const job: BindingJob = {
      id: hex16(),
      realm_id: identity.realm_id,
      tenant_id: identity.tenant_id,
      identity_id: identity.id,
      delivery_method: input.delivery_method,
      state: "LINK_SENT",
      ...(input.post_binding_redirect_uri
        ? { post_binding_redirect_uri: input.post_binding_redirect_uri }
        : {}),
      authenticator_config_id: input.authenticator_config_id,
      expire_time: new Date(now.getTime() + JOB_TTL_MS).toISOString(),
      create_time: now.toISOString(),
      update_time: now.toISOString(),
    };
    const token = randomBytes(32).toString("base64url");
    this.#jobs.set(job.id, { job, token });
    return { job, token };
  }

  /** The job a binding link names, if `token` is its secret and it can still be used. */
  checkBinding(identityId: string, jobId: string, token: string): BindingCheck {
    const stored = this.#jobs.get(jobId);
    const identity = this.#identities.get(identityId);
    if (!stored || !identity || stored.job.identity_id !== identityId) {
      return { ok: false, reason: "not_found" };
    }
    if (!timingSafeEqual(digest(token), digest(stored.token))) {
      return { ok: false, reason: "invalid_token" };
    }
    if (stored.job.state === "COMPLETE") return { ok: false, reason: "used" };
    if (Date.parse(stored.job.expire_time) <= Date.now()) return { ok: false, reason: "expired" };
    return { ok: true, job: stored.job, identity };
  }

  completeJob(id: string): void {
    const stored = this.#jobs.get(id);
    if (!stored) return;
    stored.job.state = "COMPLETE";
    stored.job.update_time = new Date().toISOString();
  }

  // Challenges: single use, taken (deleted) before the response is verified.

  issueChallenge(challenge: string, purpose: ChallengePurpose): void {
    const now = Date.now();
    for (const [key, pending] of this.#challenges) {
      if (pending.expiresAt <= now) this.#challenges.delete(key);
    }
    this.#challenges.set(challenge, { ...purpose, expiresAt: now + CHALLENGE_TTL_MS });
  }

  takeChallenge(challenge: string): Challenge | undefined {
    const record = this.#challenges.get(challenge);
    this.#challenges.delete(challenge);
    return record && record.expiresAt > Date.now() ? record : undefined;
  }

  // The outbox (the emulator's email) and policy denials

  send(message: OutboxMessage): void {
    this.#outbox.unshift(message);
    this.#outbox.splice(200);
  }

  /** Newest first; `to` filters case-insensitively. */
  outbox(to?: string): OutboxMessage[] {
    return to ? this.#outbox.filter((message) => same(message.to, to)) : [...this.#outbox];
  }

  denyNext(): number {
    this.#denials += 1;
    return this.#denials;
  }

  takeDenial(): boolean {
    if (this.#denials === 0) return false;
    this.#denials -= 1;
    return true;
  }
}
