import { CookieStorage, PersistKey } from "@logto/node";
import { createClient } from "@redis/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logtoSessionWrapper } from "./logto-session-store.ts";
import { type RedisServer, startRedisServer } from "./test-support/redis-server.ts";

const secret = "a-cookie-secret-of-at-least-32-characters";

// The SDK's own CookieStorage (what @logto/next builds per request), over a cookie jar of one.
function sdkStorage(wrapper: ReturnType<typeof logtoSessionWrapper>, jar: Map<string, string>) {
  return new CookieStorage({
    cookieKey: "logto_app",
    encryptionKey: secret,
    sessionWrapper: wrapper,
    getCookie: (name) => jar.get(name),
    setCookie: (name, value) => {
      jar.set(name, value);
    },
  } as ConstructorParameters<typeof CookieStorage>[0]);
}

async function signInThenOut(wrapper: ReturnType<typeof logtoSessionWrapper>) {
  const jar = new Map<string, string>();
  const first = sdkStorage(wrapper, jar);
  await first.init();
  await first.setItem(PersistKey.IdToken, "header.payload.signature");
  const signedIn = jar.get("logto_app") ?? "";
  // The next request reads the session back, then signs out.
  const next = sdkStorage(wrapper, jar);
  await next.init();
  const idToken = await next.getItem(PersistKey.IdToken);
  await next.destroy();
  return { signedIn, idToken, signedOut: jar.get("logto_app") };
}

describe("logtoSessionWrapper, encrypted cookie", () => {
  it("keeps the session in the SDK's encrypted cookie, and empties the cookie at sign-out", async () => {
    const { signedIn, idToken, signedOut } = await signInThenOut(
      logtoSessionWrapper({ keyPrefix: "unused:" }),
    );
    expect(signedIn).toMatch(/^[\w+/=]+\.[\w+/=]+$/);
    expect(signedIn).not.toContain("header.payload");
    expect(idToken).toBe("header.payload.signature");
    expect(signedOut).toBe("");
  });
});

describe("logtoSessionWrapper, Redis (a real redis-server)", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis?.stop());

  it("keeps only an id in the cookie, and leaves no token in Redis after sign-out", async () => {
    const keyPrefix = "idpg-logto-test:session:";
    const { signedIn, idToken, signedOut } = await signInThenOut(
      logtoSessionWrapper({ redisUrl: redis.url, keyPrefix }),
    );
    expect(signedIn).toMatch(/^[0-9a-f-]{36}$/);
    expect(idToken).toBe("header.payload.signature");
    expect(signedOut).toBe("");
    const client = await createClient({ url: redis.url }).connect();
    try {
      expect(await client.get(`${keyPrefix}${signedIn}`)).toBe("{}");
    } finally {
      client.destroy();
    }
  });
});
