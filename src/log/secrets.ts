/**
 * Secrets that must never be shown, logged or kept in full: voucher codes (however a person
 * groups their digits, and the encoded forms they take on the wire) and passwords. One masking
 * rule serves the message log, the database, the logs and replies: a run of digits joined by
 * separators, with 5 or more digits in all, shows only its last 4 digits.
 */

const MAX_SECRETS = 2000;
/** Registered codes as bare digits, matched however a text groups them. */
const digitSecrets = new Set<string>();
/** Registered wire forms that are not digits (packed GSM 7-bit hex…), matched as they are. */
const otherSecrets = new Set<string>();
/** Registered codes by their first 5 digits: a run holds a code only where one of its runs of 5 begins one. */
const byFirstWindow = new Map<number | string, string[]>();
/**
 * The codes registered last: a part of one (5 digits in a row) is masked too, for these are the
 * codes a carrier may echo back in part, or a modem split over two lines, right now. Only a few: a
 * part is 5 digits, and 5 digits of thousands of codes would be most numbers in a log.
 */
const RECENT_CODES = 32;
const recentCodes: string[] = [];
/** Every run of 5 digits in a recent code, with how many recent codes have it. */
const recentWindows = new Map<number | string, number>();

/** What may join the digit groups of one code: spaces, dashes, dots and slashes, as people type them. */
const SEPARATORS = new Set(
  [
    ' ', '\t', '\u00a0', '\u2007', '\u2009', '\u202f', // spaces, the no-break and thin ones phones insert
    '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', // hyphens, dashes, minus
    '.', '\u00b7', '/', '\\', '\u2215', // dots and slashes
  ].map((ch) => ch.charCodeAt(0)),
);
/** At most this many separators in a row still join two digit groups ("8040 - 7938"). */
const MAX_SEPARATOR_RUN = 3;
const MIN_DIGITS = 5;
const SHOWN_DIGITS = 4;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** What is known of each BMP character beyond ASCII: 0 not asked yet, 1 a decimal digit, 2 not one (64 KiB). */
const bmpDigits = new Uint8Array(0x10000);

/** UTF-16 units of the digit at `i` (any script's decimal digits, astral ones included), 0 when it is none. */
function digitAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit >= 0x30 && unit <= 0x39) return 1;
  if (unit < 0x80 || Number.isNaN(unit)) return 0;
  if (unit < 0xd800 || unit > 0xdfff) {
    if (bmpDigits[unit] === 0) bmpDigits[unit] = DECIMAL_DIGIT.test(text[i]!) ? 1 : 2;
    return bmpDigits[unit] === 1 ? 1 : 0;
  }
  const width = text.codePointAt(i)! > 0xffff ? 2 : 1;
  return DECIMAL_DIGIT.test(text.slice(i, i + width)) ? width : 0;
}

function isSeparator(text: string, i: number): boolean {
  return SEPARATORS.has(text.charCodeAt(i));
}

/** The digits of text[from, to) (a run), separators left out. */
function digitsBetween(text: string, from: number, to: number): string {
  let digits = '';
  for (let i = from; i < to; ) {
    const width = digitAt(text, i);
    if (width) digits += text.slice(i, i + width);
    i += width || 1;
  }
  return digits;
}

/** The run text[from, to) of `count` digits with all but the last 4 digits replaced by '*'. */
function maskRun(text: string, from: number, to: number, count: number): string {
  let out = '';
  let masked = 0;
  for (let i = from; i < to; ) {
    const width = digitAt(text, i);
    if (width && masked < count - SHOWN_DIGITS) {
      out += '*';
      masked += 1;
    } else {
      out += text.slice(i, i + (width || 1));
    }
    i += width || 1;
  }
  return out;
}

/**
 * Calls `found` for every digit run (digits joined by separators) with `minDigits` or more digits
 * that `mask` picks (all, without one). One pass over the text: a character is looked at by at most
 * two scans, and nothing is ever matched again from an earlier place.
 */
function eachDigitRun(text: string, found: (start: number, end: number, count: number) => void, mask?: (digits: string, text: string, start: number, end: number) => boolean, minDigits = MIN_DIGITS): void {
  let i = 0;
  while (i < text.length) {
    const first = digitAt(text, i);
    if (!first) {
      i += 1;
      continue;
    }
    const start = i;
    let count = 0;
    let end = i;
    let j = i;
    while (j < text.length) {
      const width = digitAt(text, j);
      if (width) {
        count += 1;
        j += width;
        end = j;
        continue;
      }
      let k = j;
      while (k < text.length && k - j < MAX_SEPARATOR_RUN && isSeparator(text, k)) k += 1;
      if (k === j || !digitAt(text, k)) break;
      j = k;
    }
    if (count >= minDigits && (!mask || mask(digitsBetween(text, start, end), text, start, end))) found(start, end, count);
    i = end;
  }
}

/**
 * The digits of `text` when the whole of it is one digit run as the masking reads runs ("4524 2829
 * 3854", "8040-7938-7408-127"), else null. What is read as one code must be what is masked as one.
 */
export function wholeDigitRun(text: string): string | null {
  let run: [number, number] | null = null;
  let runs = 0;
  eachDigitRun(text, (start, end) => {
    runs += 1;
    run = [start, end];
  }, undefined, 1);
  const [start, end] = (run as [number, number] | null) ?? [-1, -1];
  return runs === 1 && start === 0 && end === text.length ? digitsBetween(text, start, end) : null;
}

/** "8040-7938-7408-127" → "****-****-***8-127"; "PH 0888123456" → "PH ******3456". */
export function maskDigits(text: string): string {
  let out = '';
  let copied = 0;
  eachDigitRun(text, (start, end, count) => {
    out += text.slice(copied, start) + maskRun(text, start, end, count);
    copied = end;
  });
  return copied === 0 ? text : out + text.slice(copied);
}

/** Keeps the last 4 characters: "123456789012345" → "***********2345" (a code, or one of its wire forms). */
export function maskSecret(secret: string): string {
  if (secret.length <= SHOWN_DIGITS) return '*'.repeat(secret.length);
  return '*'.repeat(secret.length - SHOWN_DIGITS) + secret.slice(-SHOWN_DIGITS);
}

/** The digits of a code as typed ("8040 7938 7408 127"), or null when it is not digits and separators. */
function digitsOf(value: string): string | null {
  for (let i = 0; i < value.length; ) {
    const width = digitAt(value, i);
    if (!width && !isSeparator(value, i)) return null;
    i += width || 1;
  }
  return digitsBetween(value, 0, value.length);
}

const ASCII_DIGITS = /^[0-9]*$/;
const WINDOW_SPAN = 10 ** MIN_DIGITS;

/**
 * Calls `each` with every run of 5 digits in a code's digits, as a key: a number for ASCII digits
 * (read rolling, nothing allocated), else the 5 code points as a string (digits of other scripts).
 * Stops early when `each` returns true, and says whether it did.
 */
function someWindow(digits: string, each: (key: number | string) => boolean): boolean {
  if (ASCII_DIGITS.test(digits)) {
    let value = 0;
    for (let i = 0; i < digits.length; i++) {
      value = (value * 10 + digits.charCodeAt(i) - 0x30) % WINDOW_SPAN;
      if (i >= MIN_DIGITS - 1 && each(value)) return true;
    }
    return false;
  }
  const chars = Array.from(digits);
  for (let i = 0; i + MIN_DIGITS <= chars.length; i++) if (each(chars.slice(i, i + MIN_DIGITS).join(''))) return true;
  return false;
}

function firstWindow(digits: string): number | string {
  let key: number | string = '';
  someWindow(digits, (w) => ((key = w), true));
  return key;
}

function countWindows(digits: string, by: 1 | -1): void {
  someWindow(digits, (w) => {
    const left = (recentWindows.get(w) ?? 0) + by;
    if (left > 0) recentWindows.set(w, left);
    else recentWindows.delete(w);
    return false;
  });
}

function addDigitSecret(digits: string): void {
  if (digitSecrets.has(digits)) return;
  digitSecrets.add(digits);
  const first = firstWindow(digits);
  byFirstWindow.set(first, [...(byFirstWindow.get(first) ?? []), digits]);
  recentCodes.push(digits);
  countWindows(digits, 1);
  if (recentCodes.length > RECENT_CODES) countWindows(recentCodes.shift()!, -1);
}

function evictOldest(): void {
  if (digitSecrets.size + otherSecrets.size <= MAX_SECRETS) return;
  if (otherSecrets.size > 0 && digitSecrets.size === 0) {
    otherSecrets.delete(otherSecrets.values().next().value!);
    return;
  }
  const oldest = digitSecrets.values().next().value!;
  digitSecrets.delete(oldest);
  const first = firstWindow(oldest);
  const left = byFirstWindow.get(first)!.filter((code) => code !== oldest);
  if (left.length) byFirstWindow.set(first, left);
  else byFirstWindow.delete(first);
}

export function registerSecret(...values: string[]): void {
  for (const value of values) {
    if (value.length < MIN_DIGITS) continue;
    const digits = digitsOf(value);
    if (digits !== null) {
      if (digits.length < MIN_DIGITS) continue;
      addDigitSecret(digits);
    } else {
      otherSecrets.add(value);
    }
    evictOldest();
  }
}

/**
 * Whether a run holds a registered code whole. Linear in the run: one look-up per digit, and each
 * code that begins at one of its runs of 5 is looked for once.
 */
function holdsWholeCode(digits: string): boolean {
  const tried = new Set<string>();
  return someWindow(digits, (w) => {
    for (const code of byFirstWindow.get(w) ?? []) {
      if (tried.has(code)) continue;
      tried.add(code);
      if (digits.includes(code)) return true;
    }
    return false;
  });
}

/**
 * Whether a run shows 5 digits in a row of a recent code: a carrier echoing only some of it, or a
 * code split over two lines of the modem's output, each logged on its own.
 */
function holdsPartOfRecentCode(digits: string): boolean {
  return someWindow(digits, (w) => recentWindows.has(w));
}

/** A number written as a JSON value (`"command":10451,`, `[10451]`): an id or a count, never a code, which is always a string. */
function isJsonNumber(text: string, start: number, end: number): boolean {
  return (text[start - 1] === ':' || text[start - 1] === '[') && (text[end] === ',' || text[end] === '}' || text[end] === ']') && /^[0-9]+$/.test(text.slice(start, end));
}

/** A run that holds a code, or that shows part of a recent one and is neither a date, a time, nor a JSON number. */
function holdsDigitSecret(digits: string, text: string, start: number, end: number): boolean {
  if (holdsWholeCode(digits)) return true;
  if (!holdsPartOfRecentCode(digits)) return false;
  return !(end - start <= 12 && isDateOrTime(text, start, end)) && !isJsonNumber(text, start, end);
}

const DATE_SHAPES = [/^(\d{4})-(\d\d)-(\d\d)$/, /^(\d\d)\.(\d\d)\.(\d{4})$/];
const SECONDS = /^[0-5]\d\.\d{1,9}$/;

/**
 * A date (2026-12-02, 02.12.2026) or the seconds of a time of day (the 06.898 of 10:23:06.898Z),
 * exactly: the log line's own timestamp and the dates replies print, which may share 5 digits
 * with a code by chance but never hold one. Left alone, so a log's times stay times.
 */
function isDateOrTime(text: string, start: number, end: number): boolean {
  const run = text.slice(start, end);
  if (SECONDS.test(run)) return text[start - 1] === ':';
  for (const shape of DATE_SHAPES) {
    const m = shape.exec(run);
    if (!m) continue;
    const [day, month] = shape === DATE_SHAPES[0] ? [Number(m[3]), Number(m[2])] : [Number(m[1]), Number(m[2])];
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }
  return false;
}

/** Marks text[start, end) hidden but for its last 4 UTF-16 units (a wire form keeps them, as maskSecret does). */
function hideSpan(hidden: Uint8Array, start: number, end: number): void {
  hidden.fill(1, start, Math.max(start, end - SHOWN_DIGITS));
}

/**
 * Where the registered wire forms sit in `text`, every occurrence (overlapping ones too), as spans
 * merged where they overlap: a form inside or across another is one span showing its last 4 units.
 */
function wireFormSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const secret of otherSecrets) {
    for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) spans.push([at, at + secret.length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/**
 * A log line with every registered secret masked: a code wherever its digits appear as one run
 * (grouped or not, inside a USSD string or not), and a recent code wherever 5 or more of its
 * digits in a row do, the whole run but its last 4 digits; the encoded wire forms as they are. Other figures (times, amounts) are left alone, so
 * a log stays readable.
 *
 * What to hide is decided on the text as it came, for codes and wire forms alike, and the union is
 * hidden in one go: masking one secret first would change the text the next is looked for in, so
 * a shorter secret inside a longer one (or a code's digits inside a wire form) could shield the rest
 * of it and leave more than its last 4 showing.
 */
export function maskSecrets(text: string): string {
  let hidden: Uint8Array | null = null;
  const hiding = (): Uint8Array => (hidden ??= new Uint8Array(text.length));
  if (digitSecrets.size > 0) {
    eachDigitRun(text, (start, end, count) => {
      const marks = hiding();
      let masked = 0;
      for (let i = start; i < end && masked < count - SHOWN_DIGITS; ) {
        const width = digitAt(text, i);
        if (width) {
          marks.fill(1, i, i + width);
          masked += 1;
        }
        i += width || 1;
      }
    }, holdsDigitSecret);
  }
  for (const [start, end] of wireFormSpans(text)) hideSpan(hiding(), start, end);
  return hidden ? render(text, hidden) : text;
}

/** `text` with each hidden character (a digit of any script, astral ones included) shown as one '*'. */
function render(text: string, hidden: Uint8Array): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    if (!hidden[i]) {
      i += 1;
      continue;
    }
    const code = text.codePointAt(i)!;
    const width = code > 0xffff && hidden[i + 1] ? 2 : 1;
    out += `${text.slice(copied, i)}*`;
    i += width;
    copied = i;
  }
  return out + text.slice(copied);
}

function hide(text: string): string {
  return '•'.repeat(Array.from(text).length);
}

/** Start and end of the whitespace-separated tokens of `text` after `from`, in one pass. */
function tokens(text: string, from: number): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let start = -1;
  for (let i = from; i <= text.length; i++) {
    const unit = text.charCodeAt(i);
    const blank = i === text.length || unit === 0x20 || (unit > 0x20 && unit < 0x7f ? false : /\s/.test(text[i]!));
    if (blank && start >= 0) {
      found.push([start, i]);
      start = -1;
    } else if (!blank && start < 0) {
      start = i;
    }
  }
  return found;
}

/**
 * A command text fit to keep or show: the password after the first '*' hidden, a new password
 * (`PWD <new>`) hidden, and every digit run masked but its last four digits (a voucher code or a
 * phone number). The command grammar is `*<password> [PH <phone>] <COMMAND> [params]`.
 */
export function redactCommandText(text: string): string {
  const star = text.indexOf('*');
  if (star < 0) return maskDigits(text);
  const [password, ...rest] = tokens(text, star + 1);
  if (!password || password[0] !== star + 1) return maskDigits(text);
  let keyword = 0;
  if (rest[0] && text.slice(...rest[0]).toUpperCase() === 'PH') keyword = 2;
  const word = rest[keyword];
  // Everything after PWD is the new password, however it is spelt.
  const secretFrom = word && text.slice(...word).toUpperCase() === 'PWD' && rest[keyword + 1] ? rest[keyword + 1]![0] : text.length;
  return maskDigits(text.slice(0, star + 1))
    + hide(text.slice(...password))
    + maskDigits(text.slice(password[1], secretFrom))
    + text.slice(secretFrom).replace(/\S+/g, hide);
}
