import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { portalConfig } from "~/env.ts";

// An app's README as plain text, for a portal run from a checkout with no repository URL set.
export async function GET(_request: Request, { params }: RouteContext<"/readme/[app]">) {
  const { app } = await params;
  const config = portalConfig();
  const entry = config.entries.find((e) => e.id === app);
  if (!entry) return new Response("No such app.\n", { status: 404 });
  try {
    const text = await readFile(join(config.repoRoot, entry.readme), "utf8");
    return new Response(text, { headers: { "content-type": "text/plain; charset=utf-8" } });
  } catch {
    return new Response(`${entry.readme} is not there yet.\n`, { status: 404 });
  }
}
