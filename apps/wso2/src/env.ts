import { parseAppEnv } from "@idp-gallery/session/env";
import { z } from "zod";

// Validated once, on the server; a missing or malformed variable stops the app with a clear message.
const schema = z.object({
  AUTH_URL: z.url(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  AUTH_WSO2_ISSUER: z.url({ protocol: /^https?$/ }),
  AUTH_WSO2_ID: z.string().min(1),
  AUTH_WSO2_SECRET: z.string().min(1),
  AUTH_WSO2_TENANT: z.string().min(1).default("carbon.super"),
  // Empty means "trust only the system's CAs" (a publicly trusted certificate).
  AUTH_WSO2_CA_FILE: z
    .string()
    .optional()
    .transform((value) => value || undefined),
});

// In production (`next start`) it also refuses the development values of .env.example.
export const env = parseAppEnv(schema);
