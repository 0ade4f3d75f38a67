import type { GalleryIdp } from "./gallery-idp.ts";
import { healthRoute } from "./health-route.ts";
import { createAuthErrorPage } from "./pages/auth-error-page.tsx";
import { createHomePage } from "./pages/home-page.tsx";
import { createProtectedPage } from "./pages/protected-page.tsx";
import { createRootLayout, layoutMetadata } from "./pages/root-layout.tsx";

export type { GalleryIdp, IdpExtra } from "./gallery-idp.ts";

/**
 * One gallery app from its IdP definition: each file of the app's skeleton re-exports one of these,
 * so the five apps differ only in `src/idp.ts`, `src/env.ts` and their IdP-only routes.
 */
export function createGalleryApp(idp: GalleryIdp) {
  const { session } = idp;
  return {
    metadata: layoutMetadata(idp),
    RootLayout: createRootLayout(idp),
    HomePage: createHomePage(idp),
    ProtectedPage: createProtectedPage(idp),
    AuthErrorPage: createAuthErrorPage(idp),
    healthRoute,
    meRoute: session.meRoute,
    signInRoute: session.signInRoute,
    signOutRoute: session.signOutRoute,
    proxy: session.proxy,
  };
}

export type GalleryApp = ReturnType<typeof createGalleryApp>;
