import { CodecError } from './errors.js';
import { bytesToHex } from './hex.js';
import { packSeptets, textToSeptets } from './gsm7.js';
import { encodeUcs2 } from './ucs2.js';

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

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const HEX_DIGIT = /^[0-9A-Fa-f]$/;

/**
 * Where the quoted text of a +CUSD line ends: its closing quote, followed by `,<dcs>` or by nothing.
 * Read from the end, so quotes inside the carrier's text do not matter. Null when the text has no
 * closing quote (a line cut short).
 */
function closingQuote(text: string): { at: number; dcs: number | null } | null {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  let digits = end;
  while (digits > 0 && isDigit(text.charCodeAt(digits - 1))) digits--;
  if (digits < end && end - digits <= 3) {
    let i = digits;
    while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
    if (i > 0 && text[i - 1] === ',') {
      i -= 1;
      while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
      const dcs = Number(text.slice(digits, end));
      if (i > 0 && text[i - 1] === '"' && dcs <= 255) return { at: i - 1, dcs };
    }
  }
  return end > 0 && text[end - 1] === '"' ? { at: end - 1, dcs: null } : null;
}

/**
 * Whether a line ends a +CUSD text whatever its quotes say: it ends with `",<dcs>`. Carriers put
 * quotes in their texts (`Bonus: 5" SMS left`), so counting quotes alone would wait forever.
 */
export function cusdTextEnds(line: string): boolean {
  return closingQuote(line)?.dcs != null;
}

/**
 * Parses `+CUSD: <m>[,"<str>"[,<dcs>]]` in one pass, without backtracking. The quoted string may
 * contain commas, quotes and CR/LF (some modems break long answers across lines): it runs from the
 * first quote to the quote before the trailing `,<dcs>`, or to the end when the line was cut before
 * its closing quote. Huawei E160 firmware has been seen printing packed hex without the quotes
 * (gammu's transcript 01-E160).
 */
export function parseCusd(line: string): CusdLine {
  const text = line.trim();
  if (!text.startsWith('+CUSD:')) throw new CodecError('not a +CUSD line');
  let i = 6;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  const codeStart = i;
  while (i < text.length && isDigit(text.charCodeAt(i)) && i - codeStart < 3) i++;
  if (i === codeStart) throw new CodecError('a +CUSD line without its status');
  const code = Number(text.slice(codeStart, i));
  const status = STATUS_BY_CODE[code];
  if (!status) throw new CodecError(`unknown +CUSD status ${code}`);
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (i === text.length) return { status, code, raw: null, dcs: null };
  if (text[i] !== ',') throw new CodecError('a +CUSD status followed by something other than a comma');
  i += 1;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (text[i] === '"') {
    const body = text.slice(i + 1);
    const closing = closingQuote(body);
    return closing ? { status, code, raw: body.slice(0, closing.at), dcs: closing.dcs } : { status, code, raw: body, dcs: null };
  }
  return { status, code, ...unquotedHex(text.slice(i)) };
}

/** `49B41C…[,<dcs>]`: packed hex printed without quotes. */
function unquotedHex(text: string): { raw: string; dcs: number | null } {
  const skipSpaces = (from: number): number => {
    while (from < text.length && isSpace(text.charCodeAt(from))) from++;
    return from;
  };
  let i = 0;
  while (i < text.length && HEX_DIGIT.test(text[i]!)) i++;
  if (i === 0) throw new CodecError('a +CUSD text that is neither quoted nor hex');
  const raw = text.slice(0, i);
  i = skipSpaces(i);
  if (i === text.length) return { raw, dcs: null };
  if (text[i] !== ',') throw new CodecError('unexpected text after a +CUSD hex answer');
  const digitsStart = skipSpaces(i + 1);
  let digitsEnd = digitsStart;
  while (digitsEnd < text.length && isDigit(text.charCodeAt(digitsEnd))) digitsEnd++;
  const dcs = Number(text.slice(digitsStart, digitsEnd));
  if (digitsEnd === digitsStart || digitsEnd - digitsStart > 3 || dcs > 255 || skipSpaces(digitsEnd) !== text.length) {
    throw new CodecError('a +CUSD hex answer with a DCS that is not a number up to 255');
  }
  return { raw, dcs };
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
