import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { signInUrl } from "~/auth.ts";

// Links and gates start here (`?callbackUrl=` is kept only when it is a path on this app).
export async function GET(request: NextRequest) {
  redirect(await signInUrl(request.nextUrl.searchParams.get("callbackUrl")));
}
