import type { Token } from './tokens.js';

/** Month names and abbreviations, folded (see fold.ts), in the languages of the corpus. */
const MONTHS: Array<[number, string[]]> = [
  [1, ['jan', 'january', 'yan', 'yanuari', 'yanvar', 'yanvarya', 'sichnya', 'sichen', 'ene', 'enero', 'janeiro', 'janv', 'janvier', 'januar', 'januari', 'stycznia', 'styczen', 'gennaio']],
  [2, ['feb', 'february', 'fev', 'fevruari', 'fevral', 'fevralya', 'lyutogo', 'lyutiy', 'febrero', 'fevereiro', 'fevr', 'fevrier', 'februar', 'februari', 'lutego', 'luty', 'febbraio']],
  [3, ['mar', 'march', 'mart', 'marta', 'bereznya', 'berezen', 'marzo', 'marco', 'mars', 'marz', 'maerz', 'maret', 'maart', 'marca', 'marzec']],
  [4, ['apr', 'april', 'aprel', 'aprelya', 'kvitnya', 'kviten', 'abr', 'abril', 'avr', 'avril', 'kwietnia', 'kwiecien', 'aprile']],
  [5, ['may', 'maya', 'travnya', 'traven', 'mayo', 'maio', 'mai', 'mei', 'maja', 'maj', 'maggio']],
  [6, ['jun', 'june', 'yun', 'yuni', 'iyun', 'iyunya', 'chervnya', 'cherven', 'junio', 'junho', 'juin', 'juni', 'czerwca', 'czerwiec', 'giugno']],
  [7, ['jul', 'july', 'yul', 'yuli', 'iyul', 'iyulya', 'lipnya', 'lipen', 'julio', 'julho', 'juil', 'juillet', 'juli', 'lipca', 'lipiec', 'luglio']],
  [8, ['aug', 'august', 'avg', 'avgust', 'avgusta', 'serpnya', 'serpen', 'ago', 'agosto', 'aout', 'agustus', 'agu', 'ags', 'augustus', 'sierpnia', 'sierpien']],
  [9, ['sep', 'sept', 'september', 'septemvri', 'sentyabr', 'sentyabrya', 'veresnya', 'veresen', 'septiembre', 'setiembre', 'set', 'setembro', 'septembre', 'wrzesnia', 'wrzesien', 'settembre']],
  [10, ['oct', 'october', 'okt', 'oktomvri', 'oktyabr', 'oktyabrya', 'zhovtnya', 'zhovten', 'octubre', 'out', 'outubro', 'octobre', 'oktober', 'pazdziernika', 'pazdziernik', 'ottobre']],
  [11, ['nov', 'november', 'noe', 'noemvri', 'noyabr', 'noyabrya', 'listopada', 'listopad', 'noviembre', 'novembro', 'novembre']],
  [12, ['dec', 'december', 'dek', 'dekemvri', 'dekabr', 'dekabrya', 'grudnya', 'gruden', 'dic', 'diciembre', 'dez', 'dezembro', 'decembre', 'dezember', 'des', 'desember', 'grudnia', 'grudzien', 'dicembre']],
];
const MONTH_BY_NAME = new Map<string, number>(MONTHS.flatMap(([n, names]) => names.map((name) => [name, n] as [string, number])));
/** Month words that are also common words: a date only when a year comes with them. */
const AMBIGUOUS_MONTHS = new Set(['may', 'mar', 'set', 'out', 'mai', 'des', 'ago', 'dec', 'mart']);
/** Fillers between day, month and year: "31 de diciembre de 2027", "28 декабря 2027 г.". */
const FILLERS = new Set(['de', 'del', 'of', 'g', 'god', 'goda']);

export interface DateRead {
  /** YYYY-MM-DD, or null for a date without a year or not a real day. */
  iso: string | null;
  end: number;
}

function month(token: Token | undefined): number | null {
  if (token?.kind !== 'word') return null;
  return MONTH_BY_NAME.get(token.norm.replace(/\.$/, '')) ?? null;
}

function isoDay(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  if (y < 2000 || y > 2099) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const isSym = (token: Token | undefined, chars: string): boolean => token?.kind === 'sym' && chars.includes(token.raw);
const num = (token: Token | undefined, min: number, max: number): boolean => token?.kind === 'num' && token.raw.length >= min && token.raw.length <= max;

/**
 * A date starting at token `i`: 31.12.2027, 31/12/27, 2027-12-31, 30. 1. 2024, 31 Dec 2027,
 * 31-DEC-2027, Dec 31, 2027, 31 de diciembre de 2027, 31122027, 20271231. `monthFirst` reads 12/31/2027 the American
 * way when both readings are possible.
 */
export function readDate(tokens: Token[], i: number, monthFirst: boolean): DateRead | null {
  const t = tokens[i];
  if (t?.kind === 'num') return compactDate(tokens, i) ?? numericDate(tokens, i, monthFirst) ?? dayMonthName(tokens, i);
  if (t?.kind === 'word') return monthNameDay(tokens, i);
  return null;
}

/** Eight digits that make a real day ("15022008 (DDMMYYYY)", "20271231"); any other run is an identifier. */
function compactDate(tokens: Token[], i: number): DateRead | null {
  const digits = tokens[i]!.raw;
  if (digits.length !== 8) return null;
  // "15022008.50": the integer part of a number, not a day.
  if (isSym(tokens[i + 1], '.,') && tokens[i + 1]!.gap === 0 && tokens[i + 2]?.kind === 'num' && tokens[i + 2]!.gap === 0) return null;
  const part = (from: number, to: number): number => Number(digits.slice(from, to));
  const iso = (digits.startsWith('20') ? isoDay(part(0, 4), part(4, 6), part(6, 8)) : null) ?? isoDay(part(4, 8), part(2, 4), part(0, 2));
  return iso ? { iso, end: i + 1 } : null;
}

function numericDate(tokens: Token[], i: number, monthFirst: boolean): DateRead | null {
  const [a, s1, b, s2, c] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3], tokens[i + 4]];
  if (!isSym(s1, './-') || s1!.gap !== 0 || s2?.raw !== s1!.raw || s2.gap !== 0) return null;
  const looseGap = s1!.raw === '.' ? 1 : 0;
  if (!num(b, 1, 2) || b!.gap > looseGap || c?.kind !== 'num' || c.gap > looseGap) return null;
  if (tokens[i + 5]?.kind === 'num' && tokens[i + 5]!.gap === 0) return null;
  const end = i + 5;
  if (num(a, 4, 4) && num(c, 1, 2)) return { iso: isoDay(Number(a!.raw), Number(b!.raw), Number(c.raw)), end };
  if (!num(a, 1, 2)) return null;
  // "1.2.345": the shape of a date with no year a calendar has; taken, so it is no amount either.
  if (c.raw.length !== 2 && c.raw.length !== 4) return { iso: null, end };
  let [d, m] = [Number(a!.raw), Number(b!.raw)];
  const swap = m > 12 || (monthFirst && s1!.raw === '/' && d <= 12);
  if (swap) [d, m] = [m, d];
  return { iso: isoDay(Number(c.raw), m, d), end };
}

function dayMonthName(tokens: Token[], i: number): DateRead | null {
  if (!num(tokens[i], 1, 2)) return null;
  let j = i + 1;
  if (isSym(tokens[j], '-.') && tokens[j]!.gap === 0) j++;
  while (tokens[j]?.kind === 'word' && FILLERS.has(tokens[j]!.norm)) j++;
  const m = month(tokens[j]);
  if (m === null) return null;
  const name = tokens[j]!.norm;
  j++;
  let k = j;
  if (isSym(tokens[k], '-.,')) k++;
  while (tokens[k]?.kind === 'word' && FILLERS.has(tokens[k]!.norm)) k++;
  if (num(tokens[k], 4, 4) || (num(tokens[k], 2, 2) && tokens[k]!.gap === 0)) {
    return { iso: isoDay(Number(tokens[k]!.raw), m, Number(tokens[i]!.raw)), end: skipFiller(tokens, k + 1) };
  }
  return AMBIGUOUS_MONTHS.has(name) ? null : { iso: null, end: j };
}

function monthNameDay(tokens: Token[], i: number): DateRead | null {
  const m = month(tokens[i]);
  if (m === null) return null;
  let j = i + 1;
  if (isSym(tokens[j], '.')) j++;
  if (!num(tokens[j], 1, 2)) return null;
  const day = Number(tokens[j]!.raw);
  let k = j + 1;
  if (isSym(tokens[k], ',')) k++;
  if (num(tokens[k], 4, 4)) return { iso: isoDay(Number(tokens[k]!.raw), m, day), end: k + 1 };
  return AMBIGUOUS_MONTHS.has(tokens[i]!.norm) ? null : { iso: null, end: j + 1 };
}

function skipFiller(tokens: Token[], j: number): number {
  if (tokens[j]?.kind === 'word' && FILLERS.has(tokens[j]!.norm) && tokens[j]!.gap === 1) {
    return isSym(tokens[j + 1], '.') ? j + 2 : j + 1;
  }
  return j;
}

/** A time of day (14:35, 23:59:59, 03:47PM) or a duration (1424:00 minutes), which is neither money nor a date. */
export function readTime(tokens: Token[], i: number): number | null {
  if (!num(tokens[i], 1, 4) || !isSym(tokens[i + 1], ':') || tokens[i + 1]!.gap !== 0 || !num(tokens[i + 2], 2, 2) || tokens[i + 2]!.gap !== 0) return null;
  let j = i + 3;
  if (isSym(tokens[j], ':') && num(tokens[j + 1], 2, 2)) j += 2;
  if (tokens[j]?.kind === 'word' && /^(am|pm|h|hrs?)$/.test(tokens[j]!.norm)) j++;
  return j;
}
