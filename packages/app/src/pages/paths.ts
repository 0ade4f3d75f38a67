/** Where every gallery app has its shared routes (the proxy's public paths match them). */
export const galleryPaths = {
  signIn: "/auth/sign-in",
  signOut: "/auth/sign-out",
  error: "/auth/error",
  protected: "/protected",
} as const;

/** Next.js page props: search params arrive as a promise. */
export interface SearchParamsProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** One search parameter as a string, or null when absent or repeated. */
export async function searchParam(props: SearchParamsProps, name: string): Promise<string | null> {
  const value = (await props.searchParams)[name];
  return typeof value === "string" ? value : null;
}
