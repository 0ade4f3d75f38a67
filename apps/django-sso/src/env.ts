import { parseAppEnv } from "@idp-gallery/session/env";
import { z } from "zod";

// An empty value (as .env files write an unset one) counts as unset.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

// Validated once, on the server; a missing or malformed variable stops the app with a clear message.
const schema = z.object({
  AUTH_URL: z.url(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  AUTH_DJANGO_SSO_ROOT: z.url(),
  AUTH_DJANGO_SSO_TOKEN: z.string().min(1),
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/ })),
  AUTH_DATA_DIR: optional(z.string()),
});

// In production (`next start`) it also refuses the development values of .env.example.
export const env = parseAppEnv(schema);
