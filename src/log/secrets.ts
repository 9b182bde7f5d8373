/**
 * Secrets that must never reach a log line: voucher codes (and the encoded forms they take on the
 * wire). The masking destination replaces every registered secret before a line is written.
 */
const MAX_SECRETS = 2000;
const secrets = new Set<string>();

/** Keeps the last 4 characters: "123456789012345" → "***********2345". */
export function maskSecret(secret: string): string {
  if (secret.length <= 4) return '*'.repeat(secret.length);
  return '*'.repeat(secret.length - 4) + secret.slice(-4);
}

export function registerSecret(...values: string[]): void {
  for (const value of values) {
    if (value.length < 5) continue;
    secrets.add(value);
    if (secrets.size > MAX_SECRETS) secrets.delete(secrets.values().next().value!);
  }
}

export function maskSecrets(text: string): string {
  if (secrets.size === 0) return text;
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
  }
  return out;
}
