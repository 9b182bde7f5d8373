import { canEncodeGsm7, charSeptets } from './gsm7.js';
import type { Alphabet } from './dcs.js';

/** Capacity per part (TS 23.040): single part vs. parts carrying an 8-bit-reference concat header. */
const GSM7_SINGLE = 160;
const GSM7_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

export interface SplitResult {
  alphabet: Alphabet;
  parts: string[];
}

/** Chooses the alphabet and splits into parts without cutting an escape pair or a surrogate pair. */
export function splitText(text: string): SplitResult {
  if (canEncodeGsm7(text)) {
    const chars = charSeptets(text);
    const total = chars.reduce((n, c) => n + c.septets.length, 0);
    if (total <= GSM7_SINGLE) return { alphabet: 'gsm7', parts: [text] };
    return { alphabet: 'gsm7', parts: fill(chars.map((c) => ({ ch: c.ch, cost: c.septets.length })), GSM7_PART) };
  }
  if (text.length <= UCS2_SINGLE) return { alphabet: 'ucs2', parts: [text] };
  // Iterating a string by code point keeps surrogate pairs together; each costs its UTF-16 length.
  return { alphabet: 'ucs2', parts: fill([...text].map((ch) => ({ ch, cost: ch.length })), UCS2_PART) };
}

function fill(chars: Array<{ ch: string; cost: number }>, capacity: number): string[] {
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const { ch, cost } of chars) {
    if (used + cost > capacity) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += cost;
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}

/** The text goes out as one SMS. */
export const fitsOneSms = (text: string): boolean => splitText(text).parts.length === 1;

/**
 * The longest start of `text` (cut at a code point, "..." added when cut) whose `render` — the SMS
 * as it will go out, with what surrounds it and in its script — fits one SMS; "" when even that
 * does not. "..." rather than "…", which is not in the GSM alphabet and would make it UCS2.
 */
export function cutToOneSms(text: string, render: (body: string) => string): string {
  if (fitsOneSms(render(text))) return text;
  const points = [...text];
  let low = 0;
  let high = points.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fitsOneSms(render(`${points.slice(0, mid).join('')}...`))) low = mid;
    else high = mid - 1;
  }
  return low > 0 ? `${points.slice(0, low).join('')}...` : '';
}
