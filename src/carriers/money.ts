/** Money as integer cents with an ISO currency, so sums never drift. */
export interface Money {
  cents: number;
  currency: string;
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
