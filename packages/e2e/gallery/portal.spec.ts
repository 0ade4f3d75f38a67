import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { galleryTargets, PORTAL_PORT } from "../src/gallery.ts";

const screenshots = join(import.meta.dirname, "..", "..", "..", "docs", "screenshots");

// With all five apps and IdPs running, the portal's server sees each up; these are the README's pictures.
test("the portal shows every app and IdP up, beside the facts of the latest e2e runs", async ({
  page,
}) => {
  await page.goto(`http://localhost:${PORTAL_PORT}`);
  await expect(page.getByTestId("idp-card")).toHaveCount(galleryTargets.length);
  for (const target of galleryTargets) {
    const card = page.locator(`[data-testid="idp-card"][data-idp="${target.idp}"]`);
    await expect(card.getByTestId("app-status"), target.name).toHaveAttribute("data-state", "up");
    await expect(card.getByTestId("idp-status"), target.name).toHaveAttribute("data-state", "up");
    await expect(card).toContainText(`localhost:${target.appPorts[0]}`);
  }
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, "portal.png") });
  const comparison = page.locator("#comparison");
  await comparison.scrollIntoViewIfNeeded();
  await comparison.screenshot({ path: join(screenshots, "portal-comparison.png") });
});
