/**
 * Secrets that must never be shown, logged or kept in full: voucher codes (however a person
 * groups their digits, and the encoded forms they take on the wire) and passwords. One masking
 * rule serves the message log, the database, the logs and replies: a run of digits joined by
 * separators, with 5 or more digits in all, shows only its last 4 digits.
 *
 * Here: a log line masked against the registered secrets (maskSecrets), and the one place callers
 * import the rule from. Its parts: reading digit runs (digit-runs.ts), masking what people typed
 * without knowing any secret (redact.ts), and the registered secrets (secret-registry.ts).
 */
import { digitAt, eachDigitRun, SHOWN_DIGITS } from './digit-runs.js';
import { hasDigitSecrets, holdsPartOfRecentCode, holdsWholeCode, wireFormSpans } from './secret-registry.js';

export { wholeDigitRun } from './digit-runs.js';
export { maskDigits, maskSecret, redactCommandText } from './redact.js';
export { registerSecret } from './secret-registry.js';

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
  if (hasDigitSecrets()) {
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
