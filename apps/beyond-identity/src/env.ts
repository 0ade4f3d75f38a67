import { parseAppEnv } from "@idp-gallery/session/env";
import { z } from "zod";

// Validated once, on the server; a missing or malformed variable stops the app with a clear message.
const schema = z.object({
  AUTH_URL: z.url(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  // The application's issuer: …/v1/tenants/{tenant}/realms/{realm}/applications/{application}.
  AUTH_BEYONDIDENTITY_ISSUER: z
    .url()
    .regex(
      /\/v1\/tenants\/[\w-]+\/realms\/[\w-]+\/applications\/[\w-]+$/,
      "AUTH_BEYONDIDENTITY_ISSUER must be an application's issuer, …/v1/tenants/{t}/realms/{r}/applications/{a}",
    ),
  AUTH_BEYONDIDENTITY_ID: z.string().min(1),
  AUTH_BEYONDIDENTITY_SECRET: z.string().min(1),
  BEYOND_IDENTITY_API_URL: z.url(),
  BEYOND_IDENTITY_AUTHENTICATOR_CONFIG_ID: z.string().min(1),
  BEYOND_IDENTITY_MANAGEMENT_TOKEN_URL: z.url(),
  BEYOND_IDENTITY_MANAGEMENT_CLIENT_ID: z.string().min(1),
  BEYOND_IDENTITY_MANAGEMENT_CLIENT_SECRET: z.string().min(1),
  // `local` runs WebAuthn against the emulator; `beyond-identity` loads the vendor's Embedded SDK.
  BEYOND_IDENTITY_PASSKEY_CLIENT: z.enum(["local", "beyond-identity"]).default("local"),
});

// In production (`next start`) it also refuses the development values of .env.example.
export const env = parseAppEnv(schema);
