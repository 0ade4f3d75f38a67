import { z } from "zod";
import { PasskeyError } from "../errors.ts";

const errorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** POSTs JSON to the emulator and validates the answer; failures become PasskeyErrors with its words. */
export async function postJson<S extends z.ZodType>(
  url: string,
  body: Record<string, unknown>,
  schema: S,
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      // Nothing ambient: the one-time token or the signed request in the body is the credential.
      credentials: "omit",
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new PasskeyError(
      "unavailable",
      `Beyond Identity did not answer (${new URL(url).origin}).`,
      {
        cause: error,
      },
    );
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = errorSchema.safeParse(payload);
    const words = problem.success
      ? (problem.data.error_description ?? problem.data.error)
      : `HTTP ${response.status}`;
    const code = response.status === 404 ? "unknown-passkey" : "refused";
    throw new PasskeyError(code, `Beyond Identity refused the request: ${words}`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new PasskeyError("refused", "Beyond Identity answered with something unexpected.");
  }
  return parsed.data;
}
