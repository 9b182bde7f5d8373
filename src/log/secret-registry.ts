/**
 * The secrets registered to be masked wherever they appear in a log line: voucher codes as bare
 * digits (matched however a text groups them, in full, and for the most recent ones in part too) and
 * wire forms that are not digits (packed GSM 7-bit hex…), matched as they are. Bounded, and looked
 * up in time linear in the run being judged.
 */
import { digitsOf, MIN_DIGITS } from './digit-runs.js';

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

/** Masks these in every log line from now on: a code as its digits however it is grouped, a wire form as it is. */
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
export function holdsWholeCode(digits: string): boolean {
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
export function holdsPartOfRecentCode(digits: string): boolean {
  return someWindow(digits, (w) => recentWindows.has(w));
}

/**
 * Where the registered wire forms sit in `text`, every occurrence (overlapping ones too), as spans
 * merged where they overlap: a form inside or across another is one span showing its last 4 units.
 */
export function wireFormSpans(text: string): Array<[number, number]> {
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

/** Whether any code is registered (a log line then has its digit runs judged). */
export function hasDigitSecrets(): boolean {
  return digitSecrets.size > 0;
}
