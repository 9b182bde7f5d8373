import type { Token } from './tokens.js';

/** Currencies whose minor unit has three digits: there "1.500" is one and a half. */
export const THREE_DECIMALS = new Set(['KWD', 'BHD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD']);

export interface NumberRead {
  /** Hundredths (whole units × 100), so sums never drift. */
  cents: number;
  /** Whether it had a decimal part or digit grouping (a bare integer does not). */
  shaped: boolean;
  /** Digits of a bare integer, for telling identifiers (phone numbers) from amounts. */
  integerDigits: number;
  /** Index of the first token after the number. */
  end: number;
}

/** Separators inside a number, as the number reads them: Arabic's decimal and thousands signs too. */
const SEPARATORS = new Map([['.', '.'], [',', ','], ["'", "'"], ['’', "'"], ['٫', '.'], ['٬', ',']]);
/** More integer digits than this is a phone or reference number, never an amount. */
const MAX_INTEGER_DIGITS = 12;

/**
 * The number written from token `i` (a digit run) on: "1,234.56", "1.234,56", "24,84", "1'500",
 * and with `spaceGroups` "12 500" and "2 500,00". A lone separator before exactly three digits is
 * a thousands separator ("Rp 10.000") unless the currency has three decimals. Null when the shape
 * is not a number ("1.2.3").
 */
export function readNumber(tokens: Token[], i: number, options: { spaceGroups?: boolean; threeDecimals?: boolean } = {}): NumberRead | null {
  const groups = [tokens[i]!.raw];
  const seps: string[] = [];
  let j = i + 1;
  for (;;) {
    const sep = tokens[j];
    const next = tokens[j + 1];
    if (sep?.kind === 'sym' && SEPARATORS.has(sep.raw) && sep.gap === 0 && next?.kind === 'num' && next.gap === 0) {
      seps.push(SEPARATORS.get(sep.raw)!);
      groups.push(next.raw);
      j += 2;
      continue;
    }
    if (options.spaceGroups && sep?.kind === 'num' && sep.gap === 1 && sep.raw.length === 3 && groups[0]!.length <= 3 && seps.every((s) => s === ' ')) {
      seps.push(' ');
      groups.push(sep.raw);
      j += 1;
      continue;
    }
    break;
  }

  let decimal = -1;
  if (seps.length > 0) {
    const last = seps.length - 1;
    const lastSep = seps[last]!;
    const lastGroup = groups[last + 1]!;
    const earlier = seps.slice(0, last);
    if (lastSep === '.' || lastSep === ',') {
      if (earlier.some((s) => s === lastSep)) {
        // "1,234,567": every separator groups thousands.
      } else if (earlier.length > 0) {
        // "1.234,56", "1,234.56", "2 500,00": the last one is the decimal point.
        decimal = last;
      } else if (lastGroup.length !== 3 || options.threeDecimals || groups[0] === '0') {
        decimal = last;
      }
    }
  }
  const grouped = decimal === -1 ? groups.slice(1) : groups.slice(1, decimal + 1);
  if (grouped.some((g) => g.length !== 3)) return null;
  if (grouped.length > 0 && (groups[0]!.length > 3 || groups[0]!.length === 0)) return null;
  const integer = (decimal === -1 ? groups : groups.slice(0, decimal + 1)).join('').replace(/^0+(?=\d)/, '');
  if (integer.length > MAX_INTEGER_DIGITS) return null;
  const fraction = decimal === -1 ? '' : groups[decimal + 1]!;
  const hundredths = fraction === '' ? 0 : Math.round(Number(`0.${fraction}`) * 100);
  return { cents: Number(integer) * 100 + hundredths, shaped: seps.length > 0, integerDigits: groups[0]!.length, end: j };
}

/**
 * Index of the first token after the digit groups joined at `i` by '.', ',' or "'" written against
 * them: such a chain is one number or none, so when it reads as none ("7220.234.5959.1840", a card
 * echoed back) no part of it is read on its own either.
 */
export function chainEnd(tokens: Token[], i: number): number {
  let j = i + 1;
  while (tokens[j]?.kind === 'sym' && SEPARATORS.has(tokens[j]!.raw) && tokens[j]!.gap === 0 && tokens[j + 1]?.kind === 'num' && tokens[j + 1]!.gap === 0) j += 2;
  return j;
}

const CODE_JOINS = new Set(['-', '/']);
const CODE_GROUPS = 3;
const CODE_DIGITS = 10;

/**
 * A card, phone or reference number written in groups at `i` ("4789 6056 1192 943", "0888-123-456",
 * "4789/6056/1192/943"): 3 or more digit groups, 10 or more digits, joined by single spaces, dashes
 * or slashes. The index after it, or null. No amount is written so, and none of its groups is one.
 */
export function codeLikeEnd(tokens: Token[], i: number): number | null {
  let groups = 1;
  let digits = tokens[i]!.raw.length;
  let j = i + 1;
  for (;;) {
    const t = tokens[j];
    if (t?.kind === 'num' && t.gap === 1) {
      j += 1;
    } else if (t?.kind === 'sym' && CODE_JOINS.has(t.raw) && t.gap <= 1 && tokens[j + 1]?.kind === 'num' && tokens[j + 1]!.gap === t.gap) {
      j += 2;
    } else {
      break;
    }
    groups += 1;
    digits += tokens[j - 1]!.raw.length;
  }
  return groups >= CODE_GROUPS && digits >= CODE_DIGITS ? j : null;
}

/** A phone number has at least this many digits; none has more than this. */
const PHONE_DIGITS = [7, 15] as const;
const PHONE_JOINS = new Set(['-', '(', ')']);

/**
 * A phone number written with a country prefix or an area code in brackets at `i` ("+7 (999)
 * 666-13-13", "+359 888 123 456", "(02) 9876 5432"): a '+' or '(' written against its first digits,
 * then digit groups joined by spaces, dashes or brackets, 7 to 15 digits in all. The index after
 * it, or null. Its leading "+7" is no amount added, nor any of its groups an amount.
 */
export function phoneEnd(tokens: Token[], i: number): number | null {
  const start = tokens[i];
  if (start?.kind !== 'sym' || (start.raw !== '+' && start.raw !== '(') || tokens[i + 1]?.kind !== 'num' || tokens[i + 1]!.gap !== 0) return null;
  let digits = 0;
  let bracketed = start.raw === '(';
  let j = i + 1;
  // Bounded by the digits a phone number can have, so the scan stays linear.
  while (digits <= PHONE_DIGITS[1]) {
    const t = tokens[j];
    if (t?.kind === 'num' && (t.gap <= 1 || j === i + 1)) {
      digits += t.raw.length;
    } else if (t?.kind === 'sym' && PHONE_JOINS.has(t.raw) && t.gap <= 1) {
      if (t.raw !== '-') bracketed = true;
    } else {
      break;
    }
    j++;
  }
  // "+10.00 BGN": a signed amount; "+359888123456": a phone number either way.
  const grouped = bracketed || j - i > 3;
  return grouped && digits >= PHONE_DIGITS[0] && digits <= PHONE_DIGITS[1] ? j : null;
}

/** An amount in hundredths as a decimal string: 2234 → "22.34", -50 → "-0.50". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
