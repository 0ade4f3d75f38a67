/**
 * `Authorization: Bearer …` header for an access token. Rejects empty or non-printable tokens
 * up front because the runtime's own header error would quote the token in its message.
 */
export function bearerAuthorization(accessToken: string): string {
  if (!/^[\x21-\x7E]+$/.test(accessToken)) {
    throw new TypeError("accessToken must be a non-empty string of printable ASCII characters.");
  }
  return `Bearer ${accessToken}`;
}
