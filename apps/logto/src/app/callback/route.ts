import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { completeSignIn } from "~/auth.ts";

// Logto's redirect URI: exchange the code, store the session, go where the sign-in started.
export async function GET(request: NextRequest) {
  redirect(await completeSignIn(request.nextUrl.searchParams));
}
