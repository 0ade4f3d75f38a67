import { type IdpId, idpList, type SignIn } from "@idp-gallery/registry/idps";
import { portal } from "@idp-gallery/registry/portal";

/**
 * The apps and their IdPs with their development defaults (what `pnpm dev` starts), derived from
 * @idp-gallery/registry. scripts/print-urls.mjs reads it too, so the URLs are worked out in one place.
 */
export interface GalleryEntry {
  /** The IdP's slug: also the app's folder and package name, and its primary e2e target. */
  id: IdpId;
  idpName: string;
  /** What the app shows, in a few words. */
  summary: string;
  /** The app's origin under `pnpm dev`. */
  appUrl: string;
  /** Where the IdP's emulator answers, as a person would open it. */
  idpUrl: string;
  /**
   * The emulator's health check. WSO2's emulator serves https with the project's CA, so the portal
   * asks its supervisor's plain-http readiness probe (control port) instead.
   */
  idpHealthUrl: string;
  /** The IdP emulator's control port (stop/start for tests). */
  idpControlPort: number;
  signIn: SignIn;
  /** The app's README, relative to the repository root. */
  readme: string;
}

export const gallery: readonly GalleryEntry[] = idpList.map(
  ({ id, idpName, summary, signIn, emulator, dev, app }): GalleryEntry => ({
    id,
    idpName,
    summary,
    appUrl: `http://localhost:${dev.appPort}`,
    idpUrl: `${emulator.tls ? "https" : "http"}://localhost:${dev.idpPort}${emulator.urlPath}`,
    idpHealthUrl: emulator.tls
      ? `http://localhost:${dev.idpControlPort}/ready`
      : `http://localhost:${dev.idpPort}/__emulator/health`,
    idpControlPort: dev.idpControlPort,
    signIn,
    readme: app.readme,
  }),
);

/** The portal itself under `pnpm dev`. */
export const portalUrl = `http://localhost:${portal.dev.appPort}`;
