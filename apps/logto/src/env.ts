import { parseAppEnv } from "@idp-gallery/session/env";
import { z } from "zod";

// Validated once, on the server; a missing or malformed variable stops the app with a clear message.
const schema = z.object({
  AUTH_URL: z.url(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  LOGTO_ENDPOINT: z.url(),
  LOGTO_APP_ID: z.string().min(1),
  LOGTO_APP_SECRET: z.string().min(1),
  LOGTO_API_RESOURCE: z.url(),
  LOGTO_API_SCOPE: z.string().min(1),
  // Empty means "no Redis": sessions live in SQLite under AUTH_DATA_DIR (default `<cwd>/.data`).
  REDIS_URL: z.union([z.url(), z.literal("")]).default(""),
  // Refresh a page's tokens once one has fewer seconds left; near Logto's 3600 s, tests see refreshes.
  LOGTO_REFRESH_MARGIN_SECONDS: z.coerce.number().int().min(0).default(60),
});

// In production (`next start`) it also refuses the development values of .env.example.
export const env = parseAppEnv(schema);
