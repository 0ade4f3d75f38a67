"use server";

import { redirect } from "next/navigation";
import { signInUrl, signOutUrl } from "~/auth.ts";

/** The sign-in button's server action (as in Logto's Next.js server-actions sample). */
export async function signInAction() {
  redirect(await signInUrl("/"));
}

/** The sign-out button's server action: revoke, clear the session, end Logto's session. */
export async function signOutAction() {
  redirect(await signOutUrl());
}
