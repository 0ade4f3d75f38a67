import { isApiClientError } from "@idp-gallery/api-client/http";
import { z } from "zod";
import { env } from "~/env.ts";
import { idp } from "~/idp.ts";
import { register, registrationSchema } from "~/registration.ts";

const noStore = { "cache-control": "no-store" };
const answer = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: noStore });

/** Registration by email: creates a Beyond Identity identity and hands back how to bind a passkey. */
export async function POST(request: Request) {
  // Only this app's own pages may register (a cross-site form or script gets nothing).
  if (request.headers.get("origin") !== new URL(env.AUTH_URL).origin) {
    return answer(403, {
      error: "forbidden",
      message: "Registration is only accepted from this app.",
    });
  }
  if (!request.headers.get("content-type")?.startsWith("application/json")) {
    return answer(415, { error: "unsupported_media_type", message: "Send JSON." });
  }
  const body: unknown = await request.json().catch(() => undefined);
  const parsed = registrationSchema.safeParse(body);
  if (!parsed.success) {
    return answer(400, {
      error: "invalid_request",
      message: parsed.error.issues[0]?.message ?? "Check the form.",
      fields: z.flattenError(parsed.error).fieldErrors,
    });
  }
  try {
    const result = await register(parsed.data);
    return result.status === "bind"
      ? answer(201, result)
      : answer(202, {
          status: "emailed",
          message: `${parsed.data.email} is already registered. ${idp.name} sent a new passkey link to that address.`,
        });
  } catch (error) {
    console.error(`[beyond-identity] registration failed: ${(error as Error).message}`);
    const unreachable = isApiClientError(error) && error.kind !== "http";
    return answer(502, {
      error: unreachable ? "idp_unavailable" : "idp_error",
      message: unreachable
        ? `${idp.name} could not be reached. Try again in a moment.`
        : `${idp.name} could not complete the registration. Try again in a moment.`,
    });
  }
}
