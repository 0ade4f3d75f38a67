import { join } from "node:path";
import { cookieNamespace, createSessionStore } from "@idp-gallery/session";
import type { IdpAdapter } from "../adapter.ts";
import { passwordFormAdapter } from "./password-form.ts";

// Logto's sign-in experience (identifier + password), its consent page (shown to third-party apps;
// first-party apps are consented on the server), and its end-session page, which submits itself.
export const logtoAdapter: IdpAdapter = {
  ...passwordFormAdapter({ submitLabel: "Sign in", loginError: "Incorrect account or password." }),
  // @logto/next names its cookie after the app id and keeps the sign-in state in it
  // (`createRequestScopedClient` in @logto/next's server-actions client).
  sessionCookieName: (appEnv) => `logto_${appEnv.LOGTO_APP_ID}`,
  signInStateInSessionCookie: true,
  // The cookie is only the session's id: the sign-in time the app recorded in its store moves back.
  async agedSessionCookie(cookie, appEnv, byMs) {
    const store = createSessionStore({
      namespace: cookieNamespace("logto", appEnv.AUTH_URL ?? ""),
      redisUrl: appEnv.REDIS_URL ?? "",
      dataDir: appEnv.AUTH_DATA_DIR || join(process.env.E2E_APP_DIR ?? process.cwd(), ".data"),
    });
    try {
      // The entry as @idp-gallery/session/logto writes it: the SDK's data and the gallery's meta.
      const key = `logto:${cookie.value}`;
      const stored = await store.get(key);
      if (!stored) throw new Error(`no Logto session ${cookie.value} in the app's store`);
      const data = JSON.parse(stored) as Record<string, string>;
      const meta = JSON.parse(data.idpgSession ?? "{}") as { signedInAt: number };
      data.idpgSession = JSON.stringify({ ...meta, signedInAt: meta.signedInAt - byMs });
      await store.set(key, JSON.stringify(data), 600);
    } finally {
      await store.close();
    }
    return cookie.value;
  },
};
