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
