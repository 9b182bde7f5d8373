/**
 * Modem output built to make a backtracking parser slow: long runs of spaces, quotes, brackets,
 * commas and digits where each parser's grammar has a choice to make. Each case builds its input at
 * any size n and says what the parser must return for it. Shared by test/modem/parserProperties (at
 * n = 200,000) and bench/parsers (n = 1k, 10k, 100k, timed).
 */
import { LineFramer, MAX_LINE } from '../../src/at/line-framer.js';
import { parseFinalResult } from '../../src/at/final-result.js';
import { shapeOf } from '../../src/at/trace.js';
import { UrcRegistry } from '../../src/at/urc.js';
import { CodecError } from '../../src/codec/errors.js';
import { decodePdu } from '../../src/codec/pdu.js';
import { cusdTextEnds, parseCusd } from '../../src/codec/ussd.js';
import { decodeUssdText } from '../../src/codec/ussd-text.js';
import { chooseCnmi, chooseCpms, parseCds, parseCdsi, parseCmgl, parseCmgr, parseCmti, parseCops, parseCreg, parseCsq, parseImsi, parseRangeGroups, tidyPdu } from '../../src/modem/parsers.js';
import { answerFromTranscript } from '../../src/modem/ussd.js';

export interface PathologicalCase {
  parser: string;
  /** What the input is, in words. */
  input: string;
  /** The input at size n (built once, outside any timing). */
  make(n: number): string;
  parse(input: string): unknown;
  expected(n: number): unknown;
}

/** A CodecError as a value, so a case can expect one. */
function outcome(work: () => unknown): unknown {
  try {
    return work();
  } catch (err) {
    if (err instanceof CodecError) return { codecError: err.message };
    throw err;
  }
}

/** Lines framed, counted rather than kept: the framer is measured, not an array of results. */
function frame(text: string): { lines: number; overlong: number[] } {
  let lines = 0;
  const overlong: number[] = [];
  new LineFramer(() => (lines += 1), (length) => overlong.push(length)).push(text);
  return { lines, overlong };
}

const urcs = new UrcRegistry();
const GSM = { cscs: 'GSM' as const, encoding: 'text' as const };

export const PATHOLOGICAL: PathologicalCase[] = [
  { parser: 'parseCusd', input: 'n spaces inside the quotes', make: (n) => `+CUSD: 0,"${' '.repeat(n)}",15`, parse: parseCusd, expected: (n) => ({ status: 'answer', code: 0, raw: ' '.repeat(n), dcs: 15 }) },
  { parser: 'parseCusd', input: 'n spaces, then no comma', make: (n) => `+CUSD: 0${' '.repeat(n)}x`, parse: (l) => outcome(() => parseCusd(l)), expected: () => ({ codecError: 'a +CUSD status followed by something other than a comma' }) },
  { parser: 'parseCusd', input: 'n/2 times `",` and no closing quote', make: (n) => `+CUSD: 1,"${'",'.repeat(n / 2)}`, parse: parseCusd, expected: (n) => ({ status: 'further-action', code: 1, raw: '",'.repeat(n / 2), dcs: null }) },
  { parser: 'cusdTextEnds', input: 'n quotes, then a comma', make: (n) => `${'"'.repeat(n)} ,`, parse: cusdTextEnds, expected: () => false },
  { parser: 'parseFinalResult', input: 'n spaces before the code', make: (n) => `+CME ERROR:${' '.repeat(n)}12`, parse: parseFinalResult, expected: () => ({ kind: 'cme', code: 12, text: '12' }) },
  { parser: 'parseFinalResult', input: 'n/2 times space LF, then a word', make: (n) => `+CMS ERROR:${' \n'.repeat(n / 2)}x`, parse: parseFinalResult, expected: () => ({ kind: 'cms', code: null, text: 'x' }) },
  { parser: 'UrcRegistry.isCertain', input: '+CMTI: and n letters', make: (n) => `+CMTI:${'x'.repeat(n)}`, parse: (l) => urcs.isCertain(l), expected: () => true },
  { parser: 'UrcRegistry.match', input: 'n letters R', make: (n) => 'R'.repeat(n), parse: (l) => urcs.match(l)?.prefix ?? null, expected: () => null },
  { parser: 'parseRangeGroups', input: 'n opening brackets', make: (n) => '('.repeat(n), parse: parseRangeGroups, expected: () => [] },
  { parser: 'parseRangeGroups', input: 'one group of n/4 ranges', make: (n) => `(${'0-1,'.repeat(n / 4)})`, parse: parseRangeGroups, expected: () => [[0, 1]] },
  { parser: 'chooseCnmi', input: 'n opening brackets', make: (n) => `+CNMI: ${'('.repeat(n)}`, parse: chooseCnmi, expected: () => 'AT+CNMI=2,1,0,0,0' },
  { parser: 'chooseCpms', input: 'a group of n quotes', make: (n) => `+CPMS: (${'"'.repeat(n)})`, parse: chooseCpms, expected: () => 'AT+CPMS="SM","SM","SM"' },
  { parser: 'parseCsq', input: 'n spaces around the comma', make: (n) => `+CSQ:${' '.repeat(n)}20${' '.repeat(n)},0`, parse: parseCsq, expected: () => ({ rssi: 20, dbm: -73, bars: 4 }) },
  { parser: 'parseCsq', input: 'n digits and no comma', make: (n) => `+CSQ: ${'9'.repeat(n)}`, parse: parseCsq, expected: () => ({ rssi: null, dbm: null, bars: 0 }) },
  { parser: 'parseCreg', input: 'n/2 times space comma', make: (n) => `+CREG: ${' ,'.repeat(n / 2)}`, parse: (l) => parseCreg(l, true), expected: () => 'not-registered' },
  { parser: 'parseCops', input: 'n quotes', make: (n) => `+COPS: 0,2,"${'"'.repeat(n)}`, parse: parseCops, expected: () => '' },
  { parser: 'parseCops', input: 'n/2 times digit space', make: (n) => `+COPS: ${'0 '.repeat(n / 2)}`, parse: parseCops, expected: () => null },
  { parser: 'tidyPdu', input: 'n quotes between two letters', make: (n) => `x${'"'.repeat(n)}y`, parse: (l) => tidyPdu(l, null), expected: (n) => `x${'"'.repeat(n)}y` },
  { parser: 'tidyPdu', input: 'n quotes only', make: (n) => '"'.repeat(n), parse: (l) => tidyPdu(l, 7), expected: () => '' },
  { parser: 'parseCmgl', input: 'a header of n/2 fields', make: (n) => `+CMGL: ${'1,'.repeat(n / 2)}`, parse: (l) => parseCmgl([l, 'AB']), expected: () => [{ index: 1, status: 1, pdu: 'AB' }] },
  { parser: 'parseCmgr', input: 'a header of n quotes', make: (n) => `+CMGR: ${'"'.repeat(n)}`, parse: (l) => parseCmgr([l, 'AB']), expected: () => ({ status: -1, pdu: 'AB' }) },
  { parser: 'parseCmti', input: 'a storage name of n letters', make: (n) => `+CMTI: "${'S'.repeat(n)}",3`, parse: parseCmti, expected: (n) => ({ storage: 'S'.repeat(n), index: 3 }) },
  { parser: 'parseCdsi', input: 'a storage name of n letters', make: (n) => `+CDSI: "${'S'.repeat(n)}",3`, parse: parseCdsi, expected: (n) => ({ storage: 'S'.repeat(n), index: 3 }) },
  { parser: 'parseCds', input: 'a length followed by n spaces', make: (n) => `+CDS: 24${' '.repeat(n)}x`, parse: (line) => parseCds([line, '00']), expected: () => null },
  { parser: 'parseImsi', input: 'n spaces before the IMSI', make: (n) => `${' '.repeat(n)}284030000000001`, parse: (l) => parseImsi([l]), expected: () => '284030000000001' },
  { parser: 'decodeUssdText', input: 'n hex digits of septets under CSCS HEX', make: (n) => '41'.repeat(n / 2), parse: (l) => decodeUssdText(l, 15, { cscs: 'HEX' }), expected: (n) => 'A'.repeat(n / 2) },
  { parser: 'decodeUssdText', input: 'n spaces under CSCS GSM', make: (n) => ' '.repeat(n), parse: (l) => decodeUssdText(l, 15, { cscs: 'GSM' }), expected: (n) => ' '.repeat(n) },
  { parser: 'decodePdu', input: 'n zero hex digits', make: (n) => '0'.repeat(n), parse: (l) => outcome(() => decodePdu(l)), expected: () => ({ codecError: 'timestamp 2000-00-00 00:00:00 is not a real time' }) },
  { parser: 'decodePdu', input: 'n hex digits F', make: (n) => 'F'.repeat(n), parse: (l) => outcome(() => decodePdu(l)), expected: () => ({ codecError: 'reserved message type 3' }) },
  { parser: 'shapeOf', input: 'a PDU of n hex digits', make: (n) => '0'.repeat(n), parse: shapeOf, expected: (n) => `<PDU of ${n / 2} octets>` },
  { parser: 'shapeOf', input: 'n/2 times letter comma', make: (n) => 'A,'.repeat(n / 2), parse: shapeOf, expected: (n) => 'A,'.repeat(n / 2) },
  { parser: 'LineFramer', input: 'a line of n characters', make: (n) => `${'x'.repeat(n)}\r\n`, parse: frame, expected: (n) => (n > MAX_LINE ? { lines: 0, overlong: [n] } : { lines: 1, overlong: [] }) },
  { parser: 'LineFramer', input: 'n/2 line ends CR LF', make: (n) => '\r\n'.repeat(n / 2), parse: (l) => frame(l).lines, expected: (n) => n / 2 },
  {
    parser: 'answerFromTranscript',
    input: 'n/10 URC lines before the answer',
    make: (n) => `${'^RSSI: 1\r\n'.repeat(n / 10)}+CUSD: 0,"ok",15\r\n`,
    parse: (l) => answerFromTranscript(l, GSM).result,
    expected: () => ({ status: 'answer', text: 'ok', dcs: 15 }),
  },
  {
    parser: 'answerFromTranscript',
    input: 'a text never closed, n/3 lines long',
    make: (n) => `+CUSD: 1,"x\r\n${'y\r\n'.repeat(n / 3)}`,
    parse: (l) => answerFromTranscript(l, GSM).result,
    expected: () => ({ status: 'further-action', text: `x${'\ny'.repeat(63)}`, dcs: null }),
  },
];
