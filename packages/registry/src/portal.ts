/**
 * The portal (`apps/portal`): the page with a card per IdP. Its ports sit beside the IdPs' (`./idps`)
 * so that one check (`idps.test.ts`) sees every port the gallery uses.
 */
export const portal = {
  app: { dir: "apps/portal", readme: "apps/portal/README.md" },
  /** What `pnpm dev` starts. */
  dev: { appPort: 3000 },
  e2e: {
    /** The portal's own page tests: two instances of its production build (every app up; none). */
    appPorts: [4000, 4100],
    /** A stand-in answering the health checks in the portal's page tests. */
    stubPort: 4090,
    /** A port nothing listens on: an app or IdP that is not running. */
    closedPort: 4091,
    /** The portal in the gallery run (`packages/e2e/gallery`), beside every app. */
    galleryPort: 4009,
  },
} as const;
