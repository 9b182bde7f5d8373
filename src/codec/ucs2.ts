import { CodecError } from './errors.js';
import { Utf16Writer } from './utf16.js';

/** UTF-16BE, as SMS and USSD carry UCS2 (surrogate pairs pass through unchanged). */
export function encodeUcs2(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[i * 2] = unit >> 8;
    out[i * 2 + 1] = unit & 0xff;
  }
  return out;
}

/**
 * Decodes UTF-16BE. An odd trailing octet is a CodecError; a lone surrogate (one half of a pair cut by
 * a careless sender) becomes U+FFFD so the rest of the text survives.
 */
export function decodeUcs2(bytes: Uint8Array): string {
  if (bytes.length % 2 !== 0) throw new CodecError(`UCS2 data has an odd length (${bytes.length} octets)`);
  const units = bytes.length / 2;
  const unit = (i: number): number => (bytes[i * 2]! << 8) | bytes[i * 2 + 1]!;
  const text = new Utf16Writer(units);
  for (let i = 0; i < units; i++) {
    const current = unit(i);
    if (current >= 0xd800 && current <= 0xdbff) {
      const low = i + 1 < units ? unit(i + 1) : -1;
      if (low >= 0xdc00 && low <= 0xdfff) {
        text.put(current);
        text.put(low);
        i += 1;
      } else {
        text.put(0xfffd);
      }
    } else {
      text.put(current >= 0xdc00 && current <= 0xdfff ? 0xfffd : current);
    }
  }
  return text.toString();
}
