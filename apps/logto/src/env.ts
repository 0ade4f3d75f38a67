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
  // Empty means "no Redis": sessions live in the encrypted cookie.
  REDIS_URL: z.union([z.url(), z.literal("")]).default(""),
});

export const env = schema.parse(process.env);
