/** Headers every gallery response carries (the nonce CSP for scripts is not part of this yet). */
export function securityHeaders(authUrl: string | undefined): { key: string; value: string }[] {
  const headers = [
    { key: "X-Content-Type-Options", value: "nosniff" },
    // `/bind` and `/bi-authenticate` URLs carry tokens; no page should leak its URL.
    { key: "Referrer-Policy", value: "no-referrer" },
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
