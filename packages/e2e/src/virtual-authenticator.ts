import type { CDPSession, Page } from "@playwright/test";

/**
 * Chromium's virtual WebAuthn authenticator (CDP `WebAuthn` domain) attached to one page: a platform
 * authenticator with user verification that answers ceremonies without a human, holding real keys.
 */
export interface VirtualAuthenticator {
  /** Whether the next ceremonies succeed at user verification; false makes them fail as a cancelled prompt does. */
  setUserVerified(verified: boolean): Promise<void>;
  /** Credentials the authenticator holds (ids and sign counts). */
  credentials(): Promise<Array<{ credentialId: string; signCount: number; rpId?: string }>>;
}

const attached = new WeakMap<Page, Promise<VirtualAuthenticator>>();

/** The page's virtual authenticator, added on first use. Each page (tab) has its own. */
export function virtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  let authenticator = attached.get(page);
  if (!authenticator) {
    authenticator = attach(page);
    attached.set(page, authenticator);
  }
  return authenticator;
}

async function attach(page: Page): Promise<VirtualAuthenticator> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable", { enableUI: false });
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    async setUserVerified(verified) {
      await cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified: verified });
    },
    async credentials() {
      const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      return credentials.map(({ credentialId, signCount, rpId }) => ({
        credentialId,
        signCount,
        rpId,
      }));
    },
  };
}
