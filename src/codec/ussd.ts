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

/**
 * Parses `+CUSD: <m>[,"<str>"[,<dcs>]]`. The quoted string may contain commas, CR/LF (some modems
 * break long answers across lines) and is taken up to the last quote, not split on commas. Huawei
 * E160 firmware has been seen printing packed hex without the quotes (gammu's transcript 01-E160).
 */
export function parseCusd(line: string): CusdLine {
  const match = /^\+CUSD:\s*(\d+)\s*(?:,\s*(?:"([\s\S]*)"|([0-9A-Fa-f]+))\s*(?:,\s*(\d+))?)?\s*$/.exec(line.trim());
  if (!match) throw new CodecError(`not a +CUSD line: ${JSON.stringify(line.slice(0, 60))}`);
  const code = Number(match[1]);
  const status = STATUS_BY_CODE[code];
  if (!status) throw new CodecError(`unknown +CUSD status ${code}`);
  return { status, code, raw: match[2] ?? match[3] ?? null, dcs: match[4] === undefined ? null : Number(match[4]) };
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
