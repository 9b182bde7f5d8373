/**
 * Masking that knows no secret: every digit run of 5 or more digits shown but its last 4 digits, a
 * single secret shown but its last 4 characters, and a command text with its passwords hidden. For
 * what people typed, kept in the database or shown in replies, whether or not a code was registered.
 */
import { digitAt, eachDigitRun, SHOWN_DIGITS } from './digit-runs.js';

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
