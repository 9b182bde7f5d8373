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
let shortestDigitSecret = Infinity;

/** What may join the digit groups of one code: spaces, dashes, dots and slashes, as people type them. */
const SEPARATORS = new Set([
  ' ', '\t', '\u00a0', '\u2007', '\u2009', '\u202f', // spaces, the no-break and thin ones phones insert
  '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', // hyphens, dashes, minus
  '.', '\u00b7', '/', '\\', '\u2215', // dots and slashes
]);
/** At most this many separators in a row still join two digit groups ("8040 - 7938"). */
const MAX_SEPARATOR_RUN = 3;
const MIN_DIGITS = 5;
const SHOWN_DIGITS = 4;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

function isDigit(ch: string): boolean {
  return (ch >= '0' && ch <= '9') || (ch > '\u007f' && DECIMAL_DIGIT.test(ch));
}

/**
 * Masks every digit run (digits joined by separators) that `mask` picks, keeping its separators
 * and its last 4 digits. One pass over the text: a separator is looked at by at most two scans.
 */
function maskDigitRuns(text: string, mask: (digits: string) => boolean): string {
  const chars = Array.from(text); // by code point: a fullwidth or astral digit is one character
  let changed = false;
  let i = 0;
  while (i < chars.length) {
    if (!isDigit(chars[i]!)) {
      i += 1;
      continue;
    }
    const positions: number[] = [];
    let j = i;
    let end = i;
    while (j < chars.length) {
      if (isDigit(chars[j]!)) {
        positions.push(j);
        j += 1;
        end = j;
        continue;
      }
      let k = j;
      while (k < chars.length && k - j < MAX_SEPARATOR_RUN && SEPARATORS.has(chars[k]!)) k += 1;
      if (k === j || k >= chars.length || !isDigit(chars[k]!)) break;
      j = k;
    }
    if (positions.length >= MIN_DIGITS && mask(positions.map((p) => chars[p]).join(''))) {
      for (const p of positions.slice(0, -SHOWN_DIGITS)) chars[p] = '*';
      changed = true;
    }
    i = end;
  }
  return changed ? chars.join('') : text;
}

/** "8040-7938-7408-127" → "****-****-***8-127"; "PH 0888123456" → "PH ******3456". */
export function maskDigits(text: string): string {
  return maskDigitRuns(text, () => true);
}

/** Keeps the last 4 characters: "123456789012345" → "***********2345" (a code, or one of its wire forms). */
export function maskSecret(secret: string): string {
  if (secret.length <= SHOWN_DIGITS) return '*'.repeat(secret.length);
  return '*'.repeat(secret.length - SHOWN_DIGITS) + secret.slice(-SHOWN_DIGITS);
}

/** The digits of a code as typed ("8040 7938 7408 127"), or null when it is not digits and separators. */
function digitsOf(value: string): string | null {
  let digits = '';
  for (const ch of value) {
    if (isDigit(ch)) digits += ch;
    else if (!SEPARATORS.has(ch)) return null;
  }
  return digits;
}

function evictOldest(): void {
  if (digitSecrets.size + otherSecrets.size <= MAX_SECRETS) return;
  const from = digitSecrets.size > 0 ? digitSecrets : otherSecrets;
  from.delete(from.values().next().value!);
}

export function registerSecret(...values: string[]): void {
  for (const value of values) {
    if (value.length < MIN_DIGITS) continue;
    const digits = digitsOf(value);
    if (digits !== null) {
      if (digits.length < MIN_DIGITS) continue;
      digitSecrets.add(digits);
      shortestDigitSecret = Math.min(shortestDigitSecret, digits.length);
    } else {
      otherSecrets.add(value);
    }
    evictOldest();
  }
}

function holdsDigitSecret(digits: string): boolean {
  if (digits.length < shortestDigitSecret) return false;
  if (digitSecrets.has(digits)) return true;
  for (const secret of digitSecrets) if (digits.includes(secret)) return true;
  return false;
}

/**
 * A log line with every registered secret masked: a code wherever its digits appear as one run
 * (grouped or not, inside a USSD string or not), and the encoded wire forms as they are. Other
 * figures (times, amounts) are left alone, so a log stays readable.
 */
export function maskSecrets(text: string): string {
  let out = digitSecrets.size === 0 ? text : maskDigitRuns(text, holdsDigitSecret);
  for (const secret of otherSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
  }
  return out;
}

function hide(text: string): string {
  return '•'.repeat(Array.from(text).length);
}

/** Start and end of the whitespace-separated tokens of `text` after `from`, in one pass. */
function tokens(text: string, from: number): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let start = -1;
  for (let i = from; i <= text.length; i++) {
    const blank = i === text.length || /\s/.test(text[i]!);
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
