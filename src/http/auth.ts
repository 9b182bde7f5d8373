import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of `Authorization: Bearer <token>` against the configured token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  // Hash both sides so lengths match and timing reveals nothing about the token's length.
  const given = createHash('sha256').update(match[1]!).digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected);
}
