// Kept apart from idp.ts so the proxy does not load the Logto config (and its env) on every request.
export const idp = { id: "logto", name: "Logto" } as const;
