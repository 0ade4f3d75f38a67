import { describeAuthError } from "@idp-gallery/session";
import { type NextRequest, NextResponse } from "next/server";
import { idp } from "./idp-name.ts";

// App Router pages always answer 200; the error page must say 4xx, so the status is set here.
export function proxy(request: NextRequest) {
  const { status } = describeAuthError(request.nextUrl.searchParams.get("error"), idp.name);
  return NextResponse.rewrite(request.nextUrl, { status });
}

export const config = { matcher: ["/auth/error"] };
