import { maskSecret } from '../log/secrets.js';

/**
 * A command text fit to show on a screen: the password after the '*' hidden, and every run of five
 * or more digits masked but its last four (a voucher code, or a phone number: both are kept as
 * received in the inbox, never shown again in full).
 */
export function redactCommandText(text: string): string {
  return text.replace(/\*\d+/, (password) => `*${'•'.repeat(password.length - 1)}`).replace(/\d{5,}/g, (digits) => maskSecret(digits));
}
