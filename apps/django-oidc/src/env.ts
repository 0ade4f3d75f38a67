import { parseAppEnv } from "@idp-gallery/session/env";
import { z } from "zod";

// Validated once, on the server; a missing or malformed variable stops the app with a clear message.
const schema = z.object({
  AUTH_URL: z.url(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  AUTH_DJANGO_ISSUER: z.url(),
  AUTH_DJANGO_ID: z.string().min(1),
  AUTH_DJANGO_SECRET: z.string().min(1),
});

// In production (`next start`) it also refuses the development values of .env.example.
export const env = parseAppEnv(schema);
