import type { SoftwareAuthenticator } from "@idp-gallery/emulators/testing";

/** One passkey on a device: the IdP's id for it and the authenticator holding its private key. */
export interface DevicePasskey {
  /** The IdP's passkey id (what the app's page sends as `passkey_id`). */
  id: string;
  authenticator: SoftwareAuthenticator;
}

/**
 * The passkeys a user enrolled before signing in, for a passkey IdP. A real authenticator signs one
 * assertion at a time and its signature counter must rise from one verified assertion to the next, so
 * a passkey is lent to one sign-in at a time: concurrent sign-ins (the capacity section) each need
 * their own, as that many devices would have. `ensure` enrols them up front, outside any timing.
 */
export interface PasskeyDevice {
  /** How many passkeys the device holds. */
  readonly size: number;
  /** Enrols passkeys until the device holds at least `count`. */
  ensure(count: number): Promise<void>;
  /** Runs `ceremony` with a passkey no other sign-in is using; fails when every one is in use. */
  use<T>(ceremony: (passkey: DevicePasskey) => Promise<T>): Promise<T>;
}

/**
 * A device whose passkeys come from `enrol` (one complete enrolment per call), `parallel` of them at
 * once while `ensure` fills it (1 when enrolments must not overlap).
 */
export function createPasskeyDevice(
  enrol: () => Promise<DevicePasskey>,
  parallel = 8,
): PasskeyDevice {
  const free: DevicePasskey[] = [];
  let size = 0;
  return {
    get size() {
      return size;
    },
    async ensure(count) {
      while (size < count) {
        const batch = Math.max(1, Math.min(parallel, count - size));
        const enrolled = await Promise.all(Array.from({ length: batch }, () => enrol()));
        free.push(...enrolled);
        size += enrolled.length;
      }
    },
    async use(ceremony) {
      const passkey = free.pop();
      if (!passkey) {
        throw new Error(
          `All ${size} passkeys of the device are in use (one per concurrent sign-in: ensure() more first)`,
        );
      }
      try {
        return await ceremony(passkey);
      } finally {
        free.push(passkey);
      }
    },
  };
}
