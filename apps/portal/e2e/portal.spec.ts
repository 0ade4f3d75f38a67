import { expect, type Page, test } from "@playwright/test";
import {
  contractRows,
  cookieBytes,
  firstLoadGzip,
  protocolRows,
  redirectCount,
} from "../src/comparison.ts";
import { seededUsers } from "../src/credentials.ts";
import { portalConfig } from "../src/env.ts";
import { factsForApp, loadFacts } from "../src/facts.ts";
import { formatBytes, formatKb, formatMs } from "../src/format.ts";
import { gallery } from "../src/gallery.ts";
import { portals, STATUS_TIMEOUT_MS } from "./servers.ts";

// What the page must show is read from the same facts files the portal reads: nothing is hard-coded.
const live = `http://localhost:${portals.live}`;
const broken = `http://localhost:${portals.broken}`;

async function columns() {
  const loaded = await loadFacts(portalConfig({}).factsDir);
  return gallery.flatMap((entry) => {
    const { primary } = factsForApp(loaded, entry.id);
    return primary ? [{ entry, facts: primary }] : [];
  });
}

const card = (page: Page, id: string) => page.locator(`[data-testid="idp-card"][data-idp="${id}"]`);

test("a card per app: live status of the app and its IdP, how to sign in, links", async ({
  page,
}) => {
  await page.goto(live);
  await expect(page.getByTestId("idp-card")).toHaveCount(gallery.length);
  for (const entry of gallery) {
    const here = card(page, entry.id);
    await expect(here.getByRole("heading", { name: entry.idpName })).toBeVisible();
    await expect(here.getByTestId("app-status")).toHaveAttribute("data-state", "up");
    await expect(here.getByTestId("idp-status")).toHaveAttribute("data-state", "up");
    const how = here.getByTestId("sign-in-how");
    if (entry.signIn.kind === "passkeys") await expect(how).toContainText(entry.signIn.how);
    else for (const user of seededUsers) await expect(how).toContainText(user.password);
    await expect(here.getByRole("link", { name: entry.readme })).toBeVisible();
  }
  const readme = await page.request.get(`${live}/readme/logto`);
  expect(readme.status()).toBe(200);
  expect(await readme.text()).toMatch(/^# Logto/);
});

test("the comparison shows each app's facts from its last e2e run", async ({ page }) => {
  const measured = await columns();
  // The facts files are committed and every app's e2e rewrites its own first: all five are there.
  expect(measured.map((c) => c.entry.id)).toEqual(gallery.map((entry) => entry.id));
  await page.goto(live);

  const rows = contractRows(measured.map((c) => c.facts));
  for (const row of rows) {
    for (const [i, cell] of row.cells.entries()) {
      const id = measured[i]?.entry.id;
      const shown = page.locator(
        `[data-testid="contract-cell"][data-idp="${id}"][data-case="${row.id}"]`,
      );
      await expect(shown).toHaveAttribute("data-status", cell.status);
      for (const note of cell.notes) await expect(shown).toContainText(note);
    }
  }

  for (const row of protocolRows(measured.map((c) => c.facts))) {
    for (const [i, value] of row.values.entries()) {
      const id = measured[i]?.entry.id;
      await expect(
        page.locator(`[data-testid="protocol-row"][data-field="${row.key}"] [data-idp="${id}"]`),
      ).toHaveText(value);
    }
  }

  for (const { entry, facts } of measured) {
    const m = facts.measurements;
    const mine = (testId: string) =>
      page.locator(`[data-testid="${testId}"][data-idp="${entry.id}"]`);
    if (m) {
      await expect(mine("sign-in-ms")).toHaveText(formatMs(m.signIn.ms));
      await expect(mine("redirects")).toHaveText(String(redirectCount(m.timeline)));
      await expect(mine("cookie-bytes")).toHaveText(formatBytes(cookieBytes(m.cookies)));
      await expect(mine("cookie")).toHaveCount(m.cookies.length);
      for (const cookie of m.cookies) {
        await expect(mine("cookie").filter({ hasText: cookie.name })).toContainText(
          formatBytes(cookie.bytes),
        );
      }
      await expect(
        page.locator(
          `[data-testid="timeline"]:has([data-idp="${entry.id}"]) [data-testid="timeline-entry"]`,
        ),
      ).toHaveCount(m.timeline.length);
    }
    for (const path of ["/", "/protected"]) {
      const gzip = firstLoadGzip(facts, path);
      if (gzip !== null) {
        await expect(
          page.locator(`[data-testid="first-load"][data-idp="${entry.id}"][data-path="${path}"]`),
        ).toHaveText(formatKb(gzip));
      }
    }
  }
  await expect(page.getByTestId("chart-sign-in").locator("rect")).toHaveCount(
    measured.filter((c) => c.facts.measurements).length,
  );
});

test("apps and IdPs that are not running show down; broken facts files show a notice", async ({
  page,
}) => {
  // A hanging app costs the page one timeout, not a hang: the page loads, and says so below.
  await page.goto(broken);
  for (const entry of gallery) {
    await expect(card(page, entry.id).getByTestId("app-status")).toHaveAttribute(
      "data-state",
      "down",
    );
    await expect(card(page, entry.id).getByTestId("idp-status")).toHaveAttribute(
      "data-state",
      "down",
    );
  }
  await expect(card(page, "django-oidc").getByTestId("app-status")).toContainText("not running");
  await expect(card(page, "wso2").getByTestId("app-status")).toContainText(
    `no answer within ${STATUS_TIMEOUT_MS} ms`,
  );
  await expect(page.locator('[data-testid="facts-problem"][data-file="wso2.json"]')).toContainText(
    "not JSON",
  );
  await expect(page.locator('[data-testid="facts-problem"][data-file="logto.json"]')).toBeVisible();
  await expect(page.getByTestId("facts-missing")).toContainText("Beyond Identity");
  await expect(page.getByTestId("contract-table")).toHaveCount(0);
  await expect(page.getByText("No bench results yet.")).toBeVisible();
});
