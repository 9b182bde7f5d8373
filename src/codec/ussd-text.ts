import { hexToBytes, isHex } from './hex.js';
import { isGsm7Char, septetsToText, textToSeptetsLossy, unpackSeptets } from './gsm7.js';
import { decodeUcs2 } from './ucs2.js';

/** The TE character set set with `AT+CSCS` (TS 27.007 §5.5): how the modem prints text to us. */
export type Cscs = 'GSM' | 'IRA' | 'HEX' | 'UCS2';

export type UssdAlphabet = 'gsm7' | '8bit' | 'ucs2' | 'ucs2-lang';

/** USSD/CBS data coding scheme (TS 23.038 §5), reduced to the alphabet of the text. */
export function ussdAlphabet(dcs: number): UssdAlphabet {
  if (dcs === 0x11) return 'ucs2-lang';
  const group = dcs >> 4;
  if (group === 0x4 || group === 0x5 || group === 0x6 || group === 0x7) {
    const bits = (dcs >> 2) & 0x03;
    return bits === 1 ? '8bit' : bits === 2 ? 'ucs2' : 'gsm7';
  }
  if (group === 0xf) return (dcs & 0x04) !== 0 ? '8bit' : 'gsm7';
  if (dcs === 0x48) return 'ucs2';
  return 'gsm7';
}

export interface UssdDecodeOptions {
  cscs?: Cscs;
  /** The modem hands GSM 7-bit answers as packed hex (Huawei E1xx style). */
  packed?: boolean;
}

/** The ways a modem prints a GSM 7-bit answer as hex. */
type HexForm = 'packed' | 'ucs2' | 'septets';

/**
 * Decodes the text of a +CUSD answer. The DCS says what alphabet the network used; the CSCS (and
 * the packed-hex modem setting) say how the modem printed it.
 *
 * - Text that is not hex is what the modem printed: under CSCS "GSM" its bytes are GSM 7-bit codes
 *   (`w{hlen` is "wählen", gammu's transcript 03), under the other sets it is taken as is. A DCS
 *   that says UCS2 with plain text means the modem decoded it already.
 * - A UCS2 DCS (72, the 0x4x group, 17 with its two-octet language prefix) means UCS2 hex. Modems
 *   pad answers with NULs and leftover buffer (gammu issue #377, Telit HE910): the text ends at
 *   the first U+0000.
 * - A GSM 7-bit DCS with hex can be any of three printings: UCS2 hex (CSCS "UCS2", Quectel M35),
 *   septets one per octet (CSCS "HEX"), or packed septets (Huawei E1xx). The configured form is
 *   tried first, then the others; a form is accepted only when its text consists of GSM-alphabet
 *   characters, since that is all a GSM 7-bit answer can hold — which is what tells "Sisa pulsa"
 *   printed as septets apart from the same octets read as UCS2.
 * - Under a text character set, hex is a guess (the modem was not set up for what it does): it is
 *   taken only when it has hex letters (an answer like "123456" is just digits) and one of the
 *   forms reads as language — letters, spaces, punctuation. Otherwise the text stays as printed.
 */
export function decodeUssdText(raw: string, dcs: number | null, options: UssdDecodeOptions = {}): string {
  const alphabet = dcs === null ? 'gsm7' : ussdAlphabet(dcs);
  if (!isHex(raw)) return options.cscs === 'GSM' ? (gsmCodesToText(raw) ?? raw) : raw;
  if (alphabet === 'ucs2' || alphabet === 'ucs2-lang') {
    if (raw.length % 4 !== 0) return raw;
    const text = untilNul(decodeUcs2(hexToBytes(raw)));
    return alphabet === 'ucs2-lang' ? text.slice(1) : text;
  }
  if (alphabet === '8bit') return untilNul(Buffer.from(hexToBytes(raw)).toString('latin1'));

  // Told how the modem prints: that form first, then the others, each checked against the alphabet.
  // Not told: only hex with letters in it is worth a guess, and only language-like text is taken.
  const configured: HexForm | null = options.packed ? 'packed' : options.cscs === 'UCS2' ? 'ucs2' : options.cscs === 'HEX' ? 'septets' : null;
  if (!configured && (raw.length < 8 || !/[A-Fa-f]/.test(raw))) return raw;
  const bytes = hexToBytes(raw);
  const forms: HexForm[] = ['ucs2', 'septets', 'packed'];
  for (const form of configured ? [configured, ...forms.filter((f) => f !== configured)] : forms) {
    const text = readHex(bytes, form);
    if (text !== null && isGsmText(text) && (configured !== null || readsAsLanguage(text))) return text;
  }
  return raw;
}

function readHex(bytes: Uint8Array, form: HexForm): string | null {
  if (form === 'ucs2') return bytes.length % 2 === 0 ? untilNul(decodeUcs2(bytes)) : null;
  if (form === 'septets') return bytes.every((b) => b < 0x80) ? septetsToText(bytes) : null;
  return unpackText(bytes);
}

/**
 * Packed GSM 7-bit → text. When the octets hold exactly one septet more than the text, that
 * septet is padding: CR per TS 23.038 §6.1.2.3.1, or zero bits from encoders that skip the rule.
 */
function unpackText(bytes: Uint8Array): string {
  const septets = unpackSeptets(bytes, Math.floor((bytes.length * 8) / 7));
  const last = septets[septets.length - 1];
  if ((bytes.length * 8) % 7 === 0 && (last === 0x0d || last === 0x00)) septets.pop();
  return septetsToText(septets);
}

/** Text printed under CSCS "GSM": each byte a GSM 7-bit code. Null when a byte is beyond 7 bits. */
export function gsmCodesToText(printed: string): string | null {
  const codes = new Uint8Array(printed.length);
  for (let i = 0; i < printed.length; i++) {
    const code = printed.charCodeAt(i);
    if (code > 0x7f) return null;
    codes[i] = code;
  }
  return septetsToText(codes);
}

/** The other way, for the simulated modem: characters outside the alphabet print as '?'. */
export function textToGsmCodes(text: string): string {
  return String.fromCharCode(...textToSeptetsLossy(text));
}

function untilNul(text: string): string {
  const nul = text.indexOf('\0');
  return nul < 0 ? text : text.slice(0, nul);
}

/** GSM-alphabet characters only, and no control characters but CR and LF. */
function isGsmText(text: string): boolean {
  for (const ch of text) if (!isGsm7Char(ch) || (ch < ' ' && ch !== '\n' && ch !== '\r')) return false;
  return true;
}

function readsAsLanguage(text: string): boolean {
  return /\p{L}{2}/u.test(text) && /^[\p{L}\p{N} .,:;!?'"()\-+*#/%€$@&=<>_\n\r]+$/u.test(text);
}
