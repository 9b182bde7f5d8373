import { parseDayMonthYear } from '../carriers/money.js';
import { WalletError } from './errors.js';

const FREE_TEXT_RE = /^[\p{L}\p{N} .,:;'"()\-+/#&_]{1,80}$/u;
/** A card's serial: letters, digits and dashes, such as 101-23423423. */
export const SERIAL_RE = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

/** "5", "5.00" or "5,00" → cents. */
export function parseAmount(text: string, field = 'amount'): number {
  const match = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) throw new WalletError('bad-amount', `${field} is a number such as 5 or 5.00`);
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** YYYY-MM-DD or DD.MM.YYYY → YYYY-MM-DD, a day that exists. */
export function parseDay(text: string, field = 'the expiry date'): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const day = iso ? parseDayMonthYear(`${iso[3]}.${iso[2]}.${iso[1]}`) : parseDayMonthYear(text.trim());
  if (!day || !/^\s*(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})\s*$/.test(text)) throw new WalletError('bad-date', `${field} is YYYY-MM-DD or DD.MM.YYYY`);
  return day;
}

/** A name (reseller, client): up to 80 letters, digits and punctuation; blank is none. */
export function optionalText(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  if (!FREE_TEXT_RE.test(value.trim())) throw new WalletError('bad-field', `${field} is up to 80 letters, digits and punctuation`);
  return value.trim();
}

/** A serial as printed on the card, `<series>-<number>` such as 101-23423423; blank is none. */
export function optionalSerial(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  if (!SERIAL_RE.test(value.trim())) throw new WalletError('bad-field', 'a serial is up to 40 letters, digits and dashes, such as 101-23423423');
  return value.trim();
}

export function optionalCurrency(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  const currency = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new WalletError('bad-field', 'currency is a three-letter code such as EUR');
  return currency;
}
