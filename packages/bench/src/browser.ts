import { chromiumLaunchOptions, type E2eTarget } from "@idp-gallery/e2e";
import { type Browser, chromium } from "@playwright/test";

/**
 * Debian's Chromium with the flags of packages/e2e/playwright.config.ts (root, closed network), plus
 * `extraArgs` (a target's certificate pins, see `targetBrowserArgs`).
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    ...chromiumLaunchOptions,
    args: [...chromiumLaunchOptions.args, ...extraArgs],
  });
}

/**
 * What Chromium needs for a target, as packages/e2e/src/contract-test.ts does: for an https IdP with a
 * development certificate, accept exactly that certificate (by its SPKI hash), checks on for all else.
 * Read once the IdP is up, because the IdP creates its certificate on first start.
 */
export function targetBrowserArgs(target: E2eTarget): string[] {
  const pins = target.idpServer.spkiPins?.() ?? [];
  return pins.length ? [`--ignore-certificate-errors-spki-list=${pins.join(",")}`] : [];
}
