import type { z } from "zod";
import { InvalidBodyError } from "./errors.ts";

export interface JsonResponseText {
  /** Origin and path, for messages. */
  url: string;
  status: number;
  contentType: string | null;
  text: string;
}

/** application/json and structured-syntax suffixes such as application/scim+json. */
export function isJsonMediaType(contentType: string | null): boolean {
  const mediaType = mediaTypeOf(contentType);
  return (
    mediaType === "application/json" ||
    /^[a-z0-9.!#$&^_+-]+\/[a-z0-9.!#$&^_+-]+\+json$/.test(mediaType)
  );
}

/** Checks the content type, parses the text and validates it; every failure is an InvalidBodyError. */
export async function parseJsonBody<S extends z.ZodType>(
  schema: S,
  response: JsonResponseText,
): Promise<z.output<S>> {
  const { url, status, contentType, text } = response;
  const details = { url, status, contentType, bodyText: text };
  if (!isJsonMediaType(contentType)) {
    const got = contentType ? `content-type ${mediaTypeOf(contentType)}` : "no content-type";
    throw new InvalidBodyError({ ...details, message: `${url} answered ${got} instead of JSON.` });
  }
  if (text.trim() === "") {
    throw new InvalidBodyError({
      ...details,
      message: `${url} answered an empty body instead of JSON.`,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InvalidBodyError({ ...details, cause, message: `${url} answered malformed JSON.` });
  }
  // Async so schemas with async refinements work too.
  const result = await schema.safeParseAsync(json);
  if (!result.success) {
    const { issues } = result.error;
    const message = `${url} answered JSON of an unexpected shape: ${summarizeIssues(issues)}.`;
    throw new InvalidBodyError({ ...details, issues, cause: result.error, message });
  }
  return result.data;
}

/** "sub: Invalid input…; email: …" for the first few issues; values are never echoed. */
export function summarizeIssues(issues: readonly z.core.$ZodIssue[], max = 3): string {
  const shown = issues.slice(0, max).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)";
    return `${path}: ${issue.message}`;
  });
  const more = issues.length > max ? ` (and ${issues.length - max} more)` : "";
  return `${shown.join("; ")}${more}`;
}

function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
