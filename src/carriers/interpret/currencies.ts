import type { Token } from './tokens.js';

/**
 * How carriers write currencies, folded like words (see fold.ts) and joined without spaces
 * ("R$", "S/.", "Rs.", "د.ل"). `before` / `after`: on which side of the number the form may stand;
 * `attached`: only written against the number ("P100", "N1,500"), where a lone letter is no word.
 * A form shared by several currencies names its family; the carrier's own currency picks one.
 */
interface CurrencyForm {
  code: string | null;
  family?: readonly string[];
  attached?: boolean;
}

const DOLLARS = ['USD', 'CAD', 'AUD', 'NZD', 'MXN', 'COP', 'ARS', 'CLP', 'UYU', 'JMD', 'TTD', 'SGD', 'HKD', 'LRD', 'NAD', 'BSD', 'BBD', 'BZD', 'GYD', 'FJD', 'TWD', 'XCD'] as const;
const RUPEES = ['INR', 'NPR', 'PKR', 'LKR', 'MUR', 'SCR'] as const;
const KRONOR = ['SEK', 'NOK', 'DKK', 'ISK'] as const;
const FRANCS = ['XOF', 'XAF', 'CHF', 'KMF', 'GNF', 'RWF', 'BIF', 'DJF', 'CDF', 'MGA'] as const;
const YEN_YUAN = ['JPY', 'CNY'] as const;
const RIYALS = ['SAR', 'QAR', 'OMR', 'IRR'] as const;
const DIRHAMS = ['AED', 'MAD'] as const;

type Side = 'before' | 'after';
const FORMS: Record<Side, Map<string, CurrencyForm>> = { before: new Map(), after: new Map() };

function add(sides: Side[], code: string | null, forms: string[], extra: Omit<CurrencyForm, 'code'> = {}): void {
  for (const side of sides) for (const form of forms) FORMS[side].set(form, { code, ...extra });
}
const BOTH: Side[] = ['before', 'after'];
const AFTER: Side[] = ['after'];
const BEFORE: Side[] = ['before'];

// ISO codes stand on either side; so do the symbols.
for (const code of [
  'EUR', 'BGN', 'USD', 'GBP', 'RUB', 'UAH', 'KZT', 'PLN', 'CZK', 'HUF', 'RON', 'CHF', 'INR', 'NPR', 'PKR', 'LKR', 'NGN',
  'KES', 'TZS', 'UGX', 'GHS', 'ZAR', 'BRL', 'PHP', 'IDR', 'MYR', 'VND', 'MGA', 'XOF', 'XAF', 'MAD', 'DZD', 'EGP', 'LYD',
  'SAR', 'AED', 'IRR', 'PEN', 'CUP', 'CUC', 'GEL', 'AMD', 'AZN', 'ILS', 'CNY', 'JPY', 'KRW', 'MXN', 'COP', 'ARS', 'CLP',
  'UYU', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'JMD', 'TTD', 'SEK', 'NOK', 'DKK', 'ISK', 'BYN', 'MDL', 'RSD', 'MKD', 'BAM',
  'UZS', 'KGS', 'TJS', 'ZMW', 'MWK', 'ETB', 'RWF', 'SLL', 'BDT', 'MMK', 'KHR', 'THB', 'TRY', 'KWD', 'BHD', 'OMR', 'JOD',
  'TND', 'IQD', 'QAR', 'LBP', 'MUR', 'SCR', 'XCD', 'DOP', 'GTQ', 'HNL', 'NIO', 'CRC', 'BOB', 'PYG', 'VES', 'MZN', 'AOA',
  'CDF', 'SDG', 'SOS', 'BWP', 'NAD', 'LSL', 'SZL', 'MVR', 'AFN', 'MNT', 'LAK', 'TWD', 'MOP', 'BND', 'PGK', 'FJD',
]) add(code === 'TRY' ? AFTER : BOTH, code, [code.toLowerCase()]);
add(BOTH, 'EUR', ['€', 'euro', 'euros', 'evro']);
add(AFTER, 'BGN', ['lv', 'lv.', 'leva', 'lev']);
add(BOTH, 'USD', ['us$']);
add(AFTER, 'USD', ['dollar', 'dollars']);
add(BOTH, 'USD', ['$'], { family: DOLLARS });
add(BOTH, 'GBP', ['£']);
add(BOTH, 'RUB', ['₽', 'rub.']);
add(AFTER, 'RUB', ['rubl', 'rublya', 'rubley', 'r', 'r.', 'p.']);
add(BOTH, 'UAH', ['₴']);
add(AFTER, 'UAH', ['grn', 'grn.', 'hrn', 'hrn.']);
add(BOTH, 'KZT', ['₸']);
add(AFTER, 'KZT', ['tg', 'tenge']);
add(AFTER, 'PLN', ['zl']);
add(AFTER, 'CZK', ['kc']);
add(AFTER, 'HUF', ['ft']);
add(AFTER, 'RON', ['lei']);
add(BOTH, 'TRY', ['₺']);
add(AFTER, 'TRY', ['tl']);
add(BOTH, 'INR', ['₹']);
add(AFTER, 'INR', ['rupees']);
add(BOTH, 'INR', ['rs', 'rs.'], { family: RUPEES });
add(BOTH, 'NGN', ['₦']);
add(AFTER, 'NGN', ['naira']);
add(BEFORE, 'NGN', ['n'], { attached: true });
add(BOTH, 'KES', ['ksh', 'kshs', 'ksh.']);
add(BOTH, 'TZS', ['tsh', 'tshs']);
add(BOTH, 'UGX', ['ush']);
add(BOTH, 'GHS', ['ghc', 'gh₵', 'gh¢']);
add(AFTER, 'GHS', ['cedi', 'cedis']);
add(BEFORE, 'ZAR', ['r']);
add(BOTH, 'BRL', ['r$']);
add(AFTER, 'BRL', ['reais']);
add(BOTH, 'PHP', ['₱']);
add(BEFORE, 'PHP', ['p'], { attached: true });
add(BOTH, 'IDR', ['rp']);
add(BEFORE, 'IDR', ['rp.']);
add(AFTER, 'IDR', ['rupiah']);
add(BEFORE, 'MYR', ['rm']);
add(BOTH, 'VND', ['₫']);
add(AFTER, 'MGA', ['ar', 'ariary']);
add(AFTER, 'XOF', ['fcfa', 'cfa']);
add(AFTER, null, ['francs', 'franc'], { family: FRANCS });
add(AFTER, 'MAD', ['dh', 'dhs']);
add(AFTER, 'DZD', ['da']);
add(AFTER, 'LYD', ['د.ل']);
add(AFTER, 'IRR', ['rial']);
add(BOTH, 'SAR', ['ريال'], { family: RIYALS });
add(BOTH, 'SAR', ['ر.س']);
add(BOTH, 'AED', ['درهم'], { family: DIRHAMS });
add(BOTH, 'AED', ['د.إ']);
add(BOTH, 'KWD', ['د.ك']);
add(BOTH, 'EGP', ['جنيه', 'ج.م']);
add(BEFORE, 'PEN', ['s/.', 's/']);
add(BEFORE, 'GTQ', ['q'], { attached: true });
add(AFTER, 'PEN', ['soles']);
add(AFTER, 'GEL', ['lari']);
add(BOTH, 'GEL', ['₾']);
add(AFTER, 'AMD', ['dram']);
add(BOTH, 'AZN', ['₼']);
add(BOTH, 'ILS', ['₪', 'nis']);
add(BOTH, 'CNY', ['rmb']);
add(AFTER, 'CNY', ['yuan', '元']);
add(BOTH, null, ['¥'], { family: YEN_YUAN });
add(BOTH, 'KRW', ['₩']);
add(BOTH, null, ['kr'], { family: KRONOR });
add(AFTER, 'ETB', ['birr']);
add(AFTER, 'BDT', ['tk']);
add(BOTH, 'BDT', ['৳']);
add(AFTER, 'MMK', ['kyat']);
add(BOTH, 'THB', ['฿']);
add(AFTER, 'THB', ['baht']);

export interface CurrencyRead {
  code: string | null;
  family: readonly string[] | null;
  /** A one-letter form written against the number ("P100", "N1,500"). */
  attached: boolean;
  /** Index of the first token after the currency. */
  end: number;
}

/** Up to this many tokens written together make one currency ("S", "/", "."). */
const MAX_PARTS = 3;

/**
 * The currency written from token `i` on, as it may stand on `side` of a number that is `gap`
 * away (0: written against it). Longest form wins.
 */
export function readCurrency(tokens: Token[], i: number, side: 'before' | 'after', gap: number): CurrencyRead | null {
  let joined = '';
  let best: CurrencyRead | null = null;
  for (let k = 0; k < MAX_PARTS && i + k < tokens.length; k++) {
    const token = tokens[i + k]!;
    if (token.kind === 'num' || (k > 0 && token.gap !== 0)) break;
    joined += token.norm;
    const form = FORMS[side].get(joined);
    if (!form) continue;
    if (form.attached && gap !== 0) continue;
    best = { code: form.code, family: form.family ?? null, attached: form.attached === true, end: i + k + 1 };
  }
  return best;
}

/** A currency the text left open ("$", "Rs", "kr"), settled by the carrier's own currency when it fits. */
export function resolveCurrency(read: Pick<CurrencyRead, 'code' | 'family'>, hint: string | null): string | null {
  if (read.family && hint && read.family.includes(hint)) return hint;
  return read.code;
}
