import { CodecError } from './errors.js';
import { bytesToHex, hexToBytes, isHex } from './hex.js';
import { packSeptets, septetsToText, textToSeptets, unpackSeptets } from './gsm7.js';
import { decodeUcs2, encodeUcs2 } from './ucs2.js';

/** `+CUSD: <m>` (TS 27.007 §7.15). */
export type UssdStatus = 'answer' | 'further-action' | 'terminated' | 'other-client' | 'not-supported' | 'network-timeout';

const STATUS_BY_CODE: Record<number, UssdStatus> = {
  0: 'answer',
  1: 'further-action',
  2: 'terminated',
  3: 'other-client',
  4: 'not-supported',
  5: 'network-timeout',
};

export interface CusdLine {
  status: UssdStatus;
  code: number;
  /** The quoted string as the modem printed it (may be hex), or null when absent. */
  raw: string | null;
  dcs: number | null;
}

/**
 * Parses `+CUSD: <m>[,"<str>"[,<dcs>]]`. The quoted string may contain commas, CR/LF (some modems
 * break long answers across lines) and is taken up to the last quote, not split on commas.
 */
export function parseCusd(line: string): CusdLine {
  const match = /^\+CUSD:\s*(\d+)\s*(?:,\s*"([\s\S]*)"\s*(?:,\s*(\d+))?)?\s*$/.exec(line.trim());
  if (!match) throw new CodecError(`not a +CUSD line: ${JSON.stringify(line.slice(0, 60))}`);
  const code = Number(match[1]);
  const status = STATUS_BY_CODE[code];
  if (!status) throw new CodecError(`unknown +CUSD status ${code}`);
  return { status, code, raw: match[2] ?? null, dcs: match[3] === undefined ? null : Number(match[3]) };
}

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

export type Cscs = 'GSM' | 'IRA' | 'HEX' | 'UCS2';

export interface UssdDecodeOptions {
  cscs?: Cscs;
  /** The modem hands GSM 7-bit answers as packed hex (Huawei E1xx style). */
  packed?: boolean;
}

/**
 * Decodes the text of a +CUSD answer. Order of evidence: the DCS says what alphabet the network
 * used; the CSCS (and the packed-hex modem setting) say how the modem printed it. When the text is
 * not hex although the DCS/CSCS say it should be, the modem printed plain text anyway and it is
 * returned as is — a readable answer beats a decode error. When a GSM 7-bit answer under a text
 * character set is hex all the same, guessPackedHex() decides.
 */
export function decodeUssdText(raw: string, dcs: number | null, options: UssdDecodeOptions = {}): string {
  const alphabet = dcs === null ? 'gsm7' : ussdAlphabet(dcs);
  const hex = isHex(raw);
  if (!hex) return raw;
  if (alphabet === 'ucs2' || alphabet === 'ucs2-lang' || options.cscs === 'UCS2') {
    if (raw.length % 4 !== 0) return raw;
    const text = decodeUcs2(hexToBytes(raw));
    return alphabet === 'ucs2-lang' ? text.slice(1) : text;
  }
  if (alphabet === '8bit') return Buffer.from(hexToBytes(raw)).toString('latin1');
  if (options.packed) return unpackText(raw);
  if (options.cscs === 'HEX') return septetsToText(hexToBytes(raw));
  return guessPackedHex(raw) ?? raw;
}

/**
 * Packed GSM 7-bit hex → text. When the octets hold exactly one septet more than the text, that
 * septet is padding: CR per TS 23.038 §6.1.2.3.1, or zero bits from encoders that skip the rule.
 */
function unpackText(raw: string): string {
  const bytes = hexToBytes(raw);
  const septets = unpackSeptets(bytes, Math.floor((bytes.length * 8) / 7));
  const last = septets[septets.length - 1];
  if ((bytes.length * 8) % 7 === 0 && (last === 0x0d || last === 0x00)) septets.pop();
  return septetsToText(septets);
}

/**
 * The fallback when the modem was not set up for what it does: a GSM 7-bit answer (by its DCS,
 * under a text character set) that is nevertheless all hex may be a Huawei-style packed answer.
 * It is taken as such only when it has hex letters (an answer like "123456" is just digits) and
 * unpacks to readable text: letters and spaces, no control characters. Otherwise the text stays as
 * the modem printed it.
 */
function guessPackedHex(raw: string): string | null {
  if (raw.length < 8 || !/[A-Fa-f]/.test(raw)) return null;
  const text = unpackText(raw);
  const readable = /^[\p{L}\p{N} .,:;!?'"()\-+*#/%€$@&=<>\n\r]+$/u.test(text) && /[\p{L}]{2}/u.test(text) && !/[\x00-\x09\x0b\x0c\x0e-\x1f]/.test(text);
  return readable ? text : null;
}

export type UssdRequestEncoding = 'text' | 'packed' | 'ucs2';

/** Only digits, '*' and '#' ever reach AT+CUSD: nothing a user sends can inject AT syntax. */
export const USSD_CODE_RE = /^[0-9*#]{1,160}$/;

/** The string to put between the quotes of AT+CUSD=1,"…",15 for a modem's request encoding. */
export function encodeUssdRequest(code: string, encoding: UssdRequestEncoding = 'text'): string {
  if (!USSD_CODE_RE.test(code)) throw new CodecError('a USSD code may contain only digits, * and #');
  if (encoding === 'packed') {
    const septets = textToSeptets(code);
    // 8n-1 characters leave 7 spare bits, which would read as '@': pad with CR (TS 23.038 §6.1.2.3.1).
    if (septets.length % 8 === 7) septets.push(0x0d);
    return bytesToHex(packSeptets(septets));
  }
  if (encoding === 'ucs2') return bytesToHex(encodeUcs2(code));
  return code;
}
