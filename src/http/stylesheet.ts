import { RechargeRequestError } from '../wallet/recharge-sources.js';

/**
 * An https URL of a stylesheet, the only thing the recharge form's page may load besides itself.
 * It goes into a Content-Security-Policy and an HTML attribute, so it is held to characters that
 * can close neither: no quotes, spaces, semicolons, commas, angle brackets or backslashes.
 */
const STYLESHEET_RE = /^https:\/\/[A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~%!$&()*+=:@/-]*)?(?:\?[A-Za-z0-9._~%!$&()*+=:@/?-]*)?$/;

export function checkStylesheet(url: string): string {
  const given = url.trim();
  let parsed: URL | null = null;
  try {
    parsed = new URL(given);
  } catch {
    parsed = null;
  }
  if (given.length > 300 || !STYLESHEET_RE.test(given) || !parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password) {
    throw new RechargeRequestError('css is the https URL of a stylesheet, without quotes, spaces or semicolons', 'css е https адресът на стилов файл, без кавички, интервали и точка и запетая');
  }
  return given;
}
