/**
 * Reading digit runs: digits of any script joined by the separators people type between digit
 * groups ("8040 7938 7408 127", "8040-7938"). Apart from the masking, so that what is read as one
 * code (wholeDigitRun) is found exactly as the masking finds runs, and both stay linear in the text.
 */

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
/** The masking rule's two numbers: a run of 5 or more digits is a possible code, and shows only its last 4. */
export const MIN_DIGITS = 5;
export const SHOWN_DIGITS = 4;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** What is known of each BMP character beyond ASCII: 0 not asked yet, 1 a decimal digit, 2 not one (64 KiB). */
const bmpDigits = new Uint8Array(0x10000);

/** UTF-16 units of the digit at `i` (any script's decimal digits, astral ones included), 0 when it is none. */
export function digitAt(text: string, i: number): number {
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

/**
 * Calls `found` for every digit run (digits joined by separators) with `minDigits` or more digits
 * that `mask` picks (all, without one). One pass over the text: a character is looked at by at most
 * two scans, and nothing is ever matched again from an earlier place.
 */
export function eachDigitRun(text: string, found: (start: number, end: number, count: number) => void, mask?: (digits: string, text: string, start: number, end: number) => boolean, minDigits = MIN_DIGITS): void {
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

/** The digits of a code as typed ("8040 7938 7408 127"), or null when it is not digits and separators. */
export function digitsOf(value: string): string | null {
  for (let i = 0; i < value.length; ) {
    const width = digitAt(value, i);
    if (!width && !isSeparator(value, i)) return null;
    i += width || 1;
  }
  return digitsBetween(value, 0, value.length);
}
