import { join } from "node:path";
import { expect, httpAnswers, startProcess, test } from "@idp-gallery/e2e";
import { createClient } from "@redis/client";

// With REDIS_URL set (target logto@redis), the session lives in Redis and the cookie holds only its
// id: another instance of the app (the replica, same AUTH_URL, on port 4204) sees the session, and
// so does a restarted app, since nothing about it lives in the app process.
const REPLICA = "http://localhost:4204";

test("the session is in Redis: the cookie holds an id, and a second instance sees the session", async ({
  page,
  context,
  appA,
  alice,
  flow,
}) => {
  await flow.signIn(page, appA, alice);
  const [cookie] = await flow.sessionCookies(context, appA);
  expect(cookie?.value).toMatch(/^[0-9a-f-]{36}$/);

  const redis = await createClient({
    url: process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6391",
  }).connect();
  try {
    const stored = await redis.get(`idpg:session:idpg-logto-4004:logto:${cookie?.value}`);
    expect(stored).toContain("idToken");
  } finally {
    redis.destroy();
  }

  // Cookies are per host, not port: the browser sends A's cookie to the replica, which has only Redis.
  const me = await page.request.get(`${REPLICA}/api/me`);
  expect(me.status()).toBe(200);
  expect((await me.json()).user.email).toBe(alice.email);
});

test("signing out deletes the cookie, and the replica sees the user signed out", async ({
  page,
  appA,
  alice,
  flow,
}) => {
  await flow.signIn(page, appA, alice);
  expect((await page.request.get(`${REPLICA}/api/me`)).status()).toBe(200);
  await page.goto(appA);
  await flow.signOut(page, appA);
  expect((await page.request.get(`${REPLICA}/api/me`)).status()).toBe(401);
});

test("a freshly started app process (a restart) picks the session up from Redis", async ({
  page,
  appA,
  alice,
  flow,
  target,
}) => {
  await flow.signIn(page, appA, alice);
  const appDir = process.env.E2E_APP_DIR ?? process.cwd();
  const fresh = await startProcess({
    name: "next start (a restarted logto app)",
    command: process.execPath,
    args: [join(appDir, "node_modules", "next", "dist", "bin", "next"), "start", "--port", "4304"],
    cwd: appDir,
    env: { ...process.env, ...target.appEnv(appA) },
    port: 4304,
    ready: httpAnswers("http://localhost:4304/api/health"),
  });
  try {
    const me = await page.request.get("http://localhost:4304/api/me");
    expect(me.status()).toBe(200);
    expect((await me.json()).user.name).toBe(alice.name);
  } finally {
    await fresh.stop();
  }
});
