type Header = { key: string; value: string };

// Pages whose URL carries a one-time token (Beyond Identity's binding link and authenticate URL).
export const tokenInUrlPaths = ["/bind", "/bi-authenticate"];

/** Headers every gallery response carries (the nonce CSP for scripts is not part of this yet). */
export function securityHeaders(authUrl: string | undefined): Header[] {
  const headers = [
    { key: "X-Content-Type-Options", value: "nosniff" },
    // No URL leaves the app in a Referer. Not no-referrer everywhere: under it Chromium sends
    // `Origin: null` on same-origin form POSTs, and sign-out checks Origin.
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  ];
  // HSTS only means something over https; on http browsers ignore it and it would mislead.
  if (authUrl?.startsWith("https://")) {
    headers.push({
      key: "Strict-Transport-Security",
      value: "max-age=31536000; includeSubDomains",
    });
  }
  return headers;
}

/** Next's `headers()` rules: the shared set everywhere, and no Referer at all from token URLs. */
export function securityHeaderRules(authUrl: string | undefined) {
  return [
    { source: "/:path*", headers: securityHeaders(authUrl) },
    // Later rules override earlier ones for the same header key.
    ...tokenInUrlPaths.map((path) => ({
      source: `${path}/:path*`,
      headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
    })),
  ];
}
