/** Money as integer cents with an ISO currency, so sums never drift. */
export interface Money {
  cents: number;
  currency: string;
}

/**
 * A money amount as Bulgarian carriers print it: either decimal separator, the currency before or
 * after, in Latin or Cyrillic (`5,00 lv.`, `7.50 EUR`, `€3.20`, `3 лева`, `1,53 евро`). Bulgaria
 * switched to the euro on 2026-01-01, so answers may say either.
 */
export const MONEY_PATTERN = String.raw`(?:€\s?)?\d{1,7}(?:[.,]\d{1,2})?(?:\s?(?:lv\.?|leva|лв\.?|лева|BGN|EUR|€|evro|евро))?`;
export const DATE_PATTERN = String.raw`\d{1,2}[./]\d{1,2}[./]\d{4}`;

const CURRENCY_WORDS: Array<[RegExp, string]> = [
  [/lv\.?|leva|лв\.?|лева|BGN/i, 'BGN'],
  [/EUR|€|evro|евро/i, 'EUR'],
];

export function parseMoney(text: string, defaultCurrency: string): Money | null {
  const number = /(\d{1,7})(?:[.,](\d{1,2}))?/.exec(text);
  if (!number) return null;
  const cents = Number(number[1]) * 100 + Number((number[2] ?? '0').padEnd(2, '0'));
  const rest = text.replace(number[0], '');
  const currency = CURRENCY_WORDS.find(([re]) => re.test(rest))?.[1] ?? defaultCurrency;
  return { cents, currency };
}

export function formatMoney(money: Money): string {
  return `${(money.cents / 100).toFixed(2)} ${money.currency}`;
}

/** `dd.MM.yyyy` (or with slashes) → `yyyy-MM-dd`; null when not a real date. */
export function parseDayMonthYear(text: string): string | null {
  const match = /(\d{1,2})[./](\d{1,2})[./](\d{4})/.exec(text);
  if (!match) return null;
  const [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `yyyy-MM-dd` → `dd.MM.yyyy`, the way Bulgarian users write dates. */
export function formatDay(isoDay: string): string {
  const [y, m, d] = isoDay.split('-');
  return `${d}.${m}.${y}`;
}
