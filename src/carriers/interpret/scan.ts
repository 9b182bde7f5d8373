import { readCurrency, type CurrencyRead } from './currencies.js';
import { readDate, readTime } from './dates.js';
import { chainEnd, codeLikeEnd, phoneEnd, readNumber, THREE_DECIMALS } from './numbers.js';
import type { Token } from './tokens.js';

/** A figure written with or without its currency. */
export interface MoneyItem {
  t: 'money';
  cents: number;
  currency: Pick<CurrencyRead, 'code' | 'family'> | null;
  /** A plain number with no currency and no decimal part or grouping: money only when labelled. */
  bare: boolean;
  sign: '+' | '-' | null;
}

/** The text read once into what matters: words, figures, quantities, dates and sentence ends. */
export type Item =
  | { t: 'word'; token: Token }
  | MoneyItem
  /** A number with a unit (500 MB, 30 days, 60 SMS): never money. */
  | { t: 'qty' }
  | { t: 'date'; iso: string | null }
  | { t: 'end' }
  /** Punctuation that links two figures ("12.00 BGN (6.14 EUR)", "1 / 2"). */
  | { t: 'link'; raw: string }
  /** The number of a menu line ("1:", "2."). */
  | { t: 'menu' };

/** Units that make a number a quantity, folded. */
const UNITS = new Set([
  'mb', 'gb', 'kb', 'tb', 'mo', 'go', 'ko', 'gbs', 'mbs', 'kbs', 'min', 'mins', 'minute', 'minutes', 'minuti', 'minut',
  'minuty', 'minutos', 'sms', 'smsk', 'mms', 'sec', 'secs', 'sek', 'seconds', 'secondes', 'hr', 'hrs', 'hour', 'hours',
  'h', 'day', 'days', 'dni', 'dney', 'dnya', 'dniv', 'den', 'hari', 'dias', 'jours', 'tage', 'tagen', 'dagen', 'months',
  'month', 'mesyatsa', 'mes', 'meses', 'x', 'gb.', 'mb.', 'mn', 'mnt', 'menit', 'bulan', 'weeks', 'week', 'godini',
  'ore', 'pts', 'points', 'tokens', 'calls', 'texts', 'messages', 'mesajes', 'poruki', 'soobshcheniy', 'hv', 'khv',
]);
/** Stems of count nouns ("2 tentative(s)", "3 attempts", "5 hvylyn"): the number before one counts, it is no money. */
const COUNT_STEMS = ['tentativ', 'attempt', 'intento', 'popytk', 'sprob', 'versuch', 'essai', 'pokus', 'incercar', 'hvylyn', 'khvylyn', 'minut'];

/** Whether a word makes the number before it a quantity: a unit or a count noun. */
function isUnit(token: Token): boolean {
  return token.kind === 'word' && (UNITS.has(token.norm) || isCountNoun(token));
}

/** A count noun stays a word after its number: "2 attempts left" still speaks of attempts. */
function isCountNoun(token: Token): boolean {
  return COUNT_STEMS.some((stem) => token.norm.startsWith(stem));
}
const LINKS = new Set(['(', ')', '/', '=', '≈', '[', ']']);
const SENTENCE_END = new Set(['.', '!', '?', ';', '|']);

/** Index of the token after a prefix currency and its number, with the money item, or null. */
function prefixMoney(tokens: Token[], i: number, sign: MoneyItem['sign'], hint: string | null): { item: MoneyItem; end: number } | null {
  const threeDecimalsHint = hint !== null && THREE_DECIMALS.has(hint);
  for (const gapAllowed of [0, 1]) {
    // Read the currency as if the number followed at this distance; a form written only against
    // the number ("P100") must then touch it.
    const currency = readCurrency(tokens, i, 'before', gapAllowed);
    if (!currency) continue;
    let k = currency.end;
    if (tokens[k]?.kind === 'sym' && (tokens[k]!.raw === ':' || tokens[k]!.raw === '.') && tokens[k]!.gap === 0) k++;
    let numberSign = sign;
    if (tokens[k]?.kind === 'sym' && (tokens[k]!.raw === '-' || tokens[k]!.raw === '+') && tokens[k + 1]?.kind === 'num' && tokens[k + 1]!.gap === 0) {
      numberSign = tokens[k]!.raw as '+' | '-';
      k++;
    }
    const first = tokens[k];
    if (first?.kind !== 'num' || first.gap > gapAllowed) continue;
    const threeDecimals = threeDecimalsHint || (currency.code !== null && THREE_DECIMALS.has(currency.code));
    const number = readNumber(tokens, k, { spaceGroups: true, threeDecimals }) ?? readNumber(tokens, k, { threeDecimals });
    if (!number) continue;
    // "Telma N1", "Play24 P5": a one-letter currency is money before a written-out amount (N1,500.50,
    // P3000.00) or in its own country, not before any small number that follows a capital.
    if (currency.attached && !number.shaped && currency.code !== hint) continue;
    return { item: { t: 'money', cents: number.cents, currency, bare: false, sign: numberSign }, end: number.end };
  }
  return null;
}

/** A number at `i` with what follows it: a currency (money), a unit (quantity), or nothing. */
function numberAt(tokens: Token[], i: number, sign: MoneyItem['sign']): { item: Item | null; end: number } {
  const code = codeLikeEnd(tokens, i);
  if (code !== null) return { item: null, end: code };
  const plain = readNumber(tokens, i);
  if (!plain) return { item: null, end: chainEnd(tokens, i) };
  const after = (end: number): CurrencyRead | null => {
    const next = tokens[end];
    return next && next.gap <= 1 ? readCurrency(tokens, end, 'after', next.gap) : null;
  };
  // "12 500 Ar", "2 500,00 Ar": space-grouped thousands count only when a currency follows.
  const spaced = readNumber(tokens, i, { spaceGroups: true });
  if (spaced && spaced.end > plain.end) {
    const currency = after(spaced.end);
    if (currency) return { item: { t: 'money', cents: spaced.cents, currency, bare: false, sign }, end: currency.end };
  }
  const currency = after(plain.end);
  if (currency) {
    const number = currency.code && THREE_DECIMALS.has(currency.code) ? readNumber(tokens, i, { threeDecimals: true }) ?? plain : plain;
    return { item: { t: 'money', cents: number.cents, currency, bare: false, sign }, end: currency.end };
  }
  const next = tokens[plain.end];
  if (next && next.gap <= 1 && (isUnit(next) || (next.kind === 'sym' && next.raw === '%'))) {
    return { item: { t: 'qty' }, end: isCountNoun(next) ? plain.end : plain.end + 1 };
  }
  // "0 free minutes", "20 MORE Weekend minutes": a unit a word or two later still makes a quantity.
  for (let k = plain.end; k < plain.end + 3 && tokens[k]?.kind === 'word' && tokens[k]!.gap === 1; k++) {
    if (isUnit(tokens[k]!)) return { item: { t: 'qty' }, end: plain.end };
  }
  // A long plain number is a phone, account or reference number.
  if (!plain.shaped && plain.integerDigits >= 7) return { item: null, end: plain.end };
  return { item: { t: 'money', cents: plain.cents, currency: null, bare: !plain.shaped, sign }, end: plain.end };
}

/** A '.' after a one- or two-letter word is an abbreviation ("s.d.", "Nr.", "Rs."), not a sentence end. */
function endsSentence(tokens: Token[], i: number): boolean {
  const token = tokens[i]!;
  if (!SENTENCE_END.has(token.raw)) return false;
  const next = tokens[i + 1];
  const prev = tokens[i - 1];
  // "Nr.4915…", "s.d.": a stop written against what follows ends nothing, unless it closes a
  // figure or a word and a capitalised word starts right after it ("0.00.Simply", "GHC.New").
  if (next && next.gap === 0 && next.kind !== 'sym') {
    const capital = next.kind === 'word' && next.raw[0] !== next.raw[0]!.toLowerCase();
    return token.raw === '.' && capital && (prev?.kind === 'num' || (prev?.kind === 'word' && prev.raw.length > 2));
  }
  const abbreviation = token.raw === '.' && prev?.kind === 'word' && prev.raw.length <= 2 && prev.gap !== 2;
  // "s.d. 01-01-2022", "No. 123", "s. d.": a stop after a one- or two-letter word is an abbreviation.
  return !(abbreviation && (next?.kind === 'num' || (next?.kind === 'word' && next.raw.length <= 2)));
}

/**
 * Reads the tokens once, left to right, into items. Dates and times are taken before figures so
 * "31.12.2027" is never 31.12 of anything; a number right after '*' or before '#' is part of a
 * USSD code ("*111#"), not money.
 */
export function scan(tokens: Token[], monthFirst: boolean, hint: string | null): Item[] {
  const items: Item[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token.gap === 2 && items.length && items[items.length - 1]!.t !== 'end') items.push({ t: 'end' });
    const phone = phoneEnd(tokens, i);
    if (phone !== null) {
      i = phone;
      continue;
    }
    let sign: MoneyItem['sign'] = null;
    if (token.kind === 'sym' && (token.raw === '+' || token.raw === '-') && tokens[i + 1] && tokens[i + 1]!.gap === 0) {
      sign = token.raw;
      const money = tokens[i + 1]!.kind === 'num' ? numberAt(tokens, i + 1, sign) : prefixMoney(tokens, i + 1, sign, hint);
      if (money?.item && money.item.t === 'money') {
        items.push(money.item);
        i = money.end;
        continue;
      }
    }
    if (token.kind === 'num') {
      const time = readTime(tokens, i);
      if (time !== null) {
        i = time;
        continue;
      }
      const date = readDate(tokens, i, monthFirst);
      if (date) {
        items.push({ t: 'date', iso: date.iso });
        i = date.end;
        continue;
      }
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      // "O2", "Play24": digits written against a word are part of a name.
      const inName = prev?.kind === 'word' && token.gap === 0;
      // "1:To Check Balance", "1.Stan konta": the number of a menu line.
      const menuIndex = (token.gap === 2 || i === 0) && next?.kind === 'sym' && ':.)'.includes(next.raw) && next.gap === 0 && tokens[i + 2]?.kind === 'word';
      const notMoney = inName || menuIndex || (prev?.kind === 'sym' && prev.raw === '*' && token.gap === 0) || (next?.kind === 'sym' && (next.raw === '#' || next.raw === '*') && next.gap === 0);
      const read = numberAt(tokens, i, null);
      if (menuIndex) items.push({ t: 'menu' });
      else if (read.item && !notMoney) items.push(read.item);
      i = read.end;
      continue;
    }
    const money = prefixMoney(tokens, i, null, hint);
    if (money) {
      items.push(money.item);
      i = money.end;
      continue;
    }
    if (token.kind === 'word') {
      const date = readDate(tokens, i, monthFirst);
      if (date) {
        items.push({ t: 'date', iso: date.iso });
        i = date.end;
        continue;
      }
      items.push({ t: 'word', token });
    } else if (endsSentence(tokens, i)) {
      if (items.length && items[items.length - 1]!.t !== 'end') items.push({ t: 'end' });
    } else if (LINKS.has(token.raw)) {
      items.push({ t: 'link', raw: token.raw });
    }
    i++;
  }
  return items;
}
