import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Response } from "@playwright/test";

/** The JavaScript a first visit to one page downloads. */
export interface PageWeight {
  path: string;
  files: number;
  /** Sum of the bodies as served (uncompressed). */
  rawBytes: number;
  /** Sum of each body gzipped with zlib at level 9: one consistent figure whatever the server does. */
  gzipBytes: number;
}

export function gzipSize(body: Buffer): number {
  return gzipSync(body, { level: 9 }).length;
}

/**
 * First-load JS of `url`: every script response until the load event, in a fresh context (empty cache),
 * signed in when `storageState` carries a session.
 */
export async function firstLoadJs(
  browser: Browser,
  url: string,
  storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>,
): Promise<PageWeight> {
  const context = await browser.newContext(storageState ? { storageState } : {});
  try {
    const page = await context.newPage();
    const bodies = new Map<string, Promise<Buffer>>();
    const onResponse = (response: Response) => {
      if (response.request().resourceType() !== "script" || bodies.has(response.url())) return;
      bodies.set(response.url(), response.body());
    };
    page.on("response", onResponse);
    const response = await page.goto(url, { waitUntil: "load" });
    page.off("response", onResponse);
    const landed = new URL(page.url());
    if (!response?.ok() || landed.pathname !== new URL(url).pathname)
      throw new Error(`${url} answered ${response?.status()} at ${landed.href}`);
    const buffers = await Promise.all(bodies.values());
    return {
      path: landed.pathname,
      files: buffers.length,
      rawBytes: buffers.reduce((sum, body) => sum + body.length, 0),
      gzipBytes: buffers.reduce((sum, body) => sum + gzipSize(body), 0),
    };
  } finally {
    await context.close();
  }
}
