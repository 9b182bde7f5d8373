import { CodecError } from './errors.js';
import { Utf16Writer } from './utf16.js';

/**
 * GSM 03.38 / TS 23.038 default alphabet, indexed by septet value. Traps worth naming: 0x00 is '@',
 * 0x02 '$', 0x24 is '¤' (not '$'), 0x40 is '¡' (not '@'), 0x1B is the escape to the extension table.
 */
const DEFAULT_ALPHABET: readonly string[] = [
  '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
  'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\x1b', 'Æ', 'æ', 'ß', 'É',
  ' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
  '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
];

/** Extension table (each character costs ESC + code = 2 septets). */
const EXTENSION: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'], [0x14, '^'], [0x28, '{'], [0x29, '}'], [0x2f, '\\'],
  [0x3c, '['], [0x3d, '~'], [0x3e, ']'], [0x40, '|'], [0x65, '€'],
]);

export const ESC = 0x1b;

const DEFAULT_BY_CHAR = new Map<string, number>();
DEFAULT_ALPHABET.forEach((ch, code) => {
  if (code !== ESC) DEFAULT_BY_CHAR.set(ch, code);
});
const EXTENSION_BY_CHAR = new Map<string, number>();
for (const [code, ch] of EXTENSION) EXTENSION_BY_CHAR.set(ch, code);

/** Septets for one character, or undefined when the character is outside the alphabet. */
function septetsOf(ch: string): number[] | undefined {
  const base = DEFAULT_BY_CHAR.get(ch);
  if (base !== undefined) return [base];
  const ext = EXTENSION_BY_CHAR.get(ch);
  if (ext !== undefined) return [ESC, ext];
  return undefined;
}

export function isGsm7Char(ch: string): boolean {
  return septetsOf(ch) !== undefined;
}

export function canEncodeGsm7(text: string): boolean {
  for (const ch of text) if (!isGsm7Char(ch)) return false;
  return true;
}

/** Text → septet values. Never replaces a character silently: outside the alphabet is an error. */
export function textToSeptets(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const septets = septetsOf(ch);
    if (!septets) {
      throw new CodecError(`character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not in the GSM 7-bit alphabet`);
    }
    out.push(...septets);
  }
  return out;
}

/** Like textToSeptets, with '?' for characters outside the alphabet: for simulated output only. */
export function textToSeptetsLossy(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(...(septetsOf(ch) ?? [0x3f]));
  return out;
}

/** Septets of each character, so a splitter can keep escape pairs whole. */
export function charSeptets(text: string): Array<{ ch: string; septets: number[] }> {
  return [...text].map((ch) => {
    const septets = septetsOf(ch);
    if (!septets) throw new CodecError(`character ${JSON.stringify(ch)} is not in the GSM 7-bit alphabet`);
    return { ch, septets };
  });
}

const DEFAULT_UNITS = Uint16Array.from(DEFAULT_ALPHABET, (ch) => ch.charCodeAt(0));
const EXTENSION_UNITS = new Map([...EXTENSION].map(([code, ch]) => [code, ch.charCodeAt(0)]));

/**
 * Septet values → text. An escape followed by a code the extension table does not define decodes as
 * the default-alphabet character (TS 23.038 §6.2.1.1 fallback), two escapes as a space; a trailing
 * lone escape is dropped. Every character of both tables is one UTF-16 unit: the text is written
 * unit by unit into one buffer, not grown a character at a time.
 */
export function septetsToText(septets: ArrayLike<number>): string {
  const text = new Utf16Writer(septets.length);
  for (let i = 0; i < septets.length; i++) {
    const code = septets[i]! & 0x7f;
    if (code === ESC) {
      const next = septets[i + 1];
      if (next === undefined) break;
      i += 1;
      // ESC ESC is reserved for a further table and shows as a space (TS 23.038 §6.2.1.1 note).
      text.put((next & 0x7f) === ESC ? 0x20 : (EXTENSION_UNITS.get(next & 0x7f) ?? DEFAULT_UNITS[next & 0x7f]!));
      continue;
    }
    text.put(DEFAULT_UNITS[code]!);
  }
  return text.toString();
}

/**
 * Packs septets into octets, LSB first. `fillBits` leading zero bits align the text after a user
 * data header to a septet boundary (TS 23.040 §9.2.3.24).
 */
export function packSeptets(septets: ArrayLike<number>, fillBits = 0): Uint8Array {
  const totalBits = fillBits + septets.length * 7;
  const out = new Uint8Array(Math.ceil(totalBits / 8));
  for (let i = 0; i < septets.length; i++) {
    const bitPos = fillBits + i * 7;
    const byteIndex = bitPos >> 3;
    const shift = bitPos & 7;
    const value = (septets[i]! & 0x7f) << shift;
    out[byteIndex]! |= value & 0xff;
    if (shift > 1) out[byteIndex + 1]! |= value >> 8;
  }
  return out;
}

/** Unpacks `count` septets starting `fillBits` into the octets. */
export function unpackSeptets(octets: Uint8Array, count: number, fillBits = 0): number[] {
  const available = Math.floor((octets.length * 8 - fillBits) / 7);
  if (count > available) throw new CodecError(`user data holds ${available} septets, length says ${count}`);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const bitPos = fillBits + i * 7;
    const byteIndex = bitPos >> 3;
    const shift = bitPos & 7;
    const word = octets[byteIndex]! | ((octets[byteIndex + 1] ?? 0) << 8);
    out.push((word >> shift) & 0x7f);
  }
  return out;
}

/** How many septets a text costs in GSM 7-bit, or undefined when it does not fit the alphabet. */
export function septetLength(text: string): number | undefined {
  let n = 0;
  for (const ch of text) {
    const septets = septetsOf(ch);
    if (!septets) return undefined;
    n += septets.length;
  }
  return n;
}
