import { CodecError } from './errors.js';

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
  const units: number[] = [];
  for (let i = 0; i < bytes.length; i += 2) units.push((bytes[i]! << 8) | bytes[i + 1]!);
  let out = '';
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = units[i + 1];
      if (low !== undefined && low >= 0xdc00 && low <= 0xdfff) {
        out += String.fromCharCode(unit, low);
        i += 1;
      } else {
        out += '\ufffd';
      }
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      out += '\ufffd';
    } else {
      out += String.fromCharCode(unit);
    }
  }
  return out;
}
