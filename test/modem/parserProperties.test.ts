import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineFramer, MAX_LINE } from '../../src/at/line-framer.js';
import { parseFinalResult } from '../../src/at/final-result.js';
import { shapeOf } from '../../src/at/trace.js';
import { UrcRegistry } from '../../src/at/urc.js';
import { CodecError } from '../../src/codec/errors.js';
import { decodePdu } from '../../src/codec/pdu.js';
import { cusdTextEnds, parseCusd } from '../../src/codec/ussd.js';
import { decodeUssdText } from '../../src/codec/ussd-text.js';
import { chooseCnmi, chooseCnmiRouting, chooseCpms, parseCds, parseCdsi, parseCmgl, parseCmgr, parseCmti, parseCsmsService, parseCops, parseCreg, parseCsq, parseImsi, parseRangeGroups, tidyPdu } from '../../src/modem/parsers.js';
import { answerFromTranscript } from '../../src/modem/ussd.js';
import { PATHOLOGICAL } from '../vectors/pathological.js';

/** Strings made of the characters every grammar here turns on, so the properties reach the edge cases. */
const DELICATE = [...' ",()-+:;\r\n\t\x00\xff0123456789ABCDEFabcxyz>'];
const modemText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...DELICATE), maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.tuple(fc.constantFrom('+CUSD: ', '+CMGR: ', '+CMGL: ', '+CSQ: ', '+CREG: ', '+COPS: ', '+CMTI: ', '+CME ERROR: ', '+CPMS: ', '+CNMI: '), fc.string({ unit: fc.constantFrom(...DELICATE), maxLength: 300 })).map(([a, b]) => a + b),
);

/** Runs `work`, letting through only a CodecError (the one error the codec may throw). */
function codecOnly(work: () => unknown): void {
  try {
    work();
  } catch (err) {
    expect(err).toBeInstanceOf(CodecError);
  }
}

describe('every parser of modem output, on any string', () => {
  it('theAtParsersNeverThrow', () => {
    const urcs = new UrcRegistry();
    fc.assert(
      fc.property(modemText, (line) => {
        parseFinalResult(line);
        urcs.match(line);
        urcs.isCertain(line);
        shapeOf(line);
        const framer = new LineFramer(() => {});
        framer.push(line);
        expect(framer.pending).toBeLessThanOrEqual(MAX_LINE);
      }),
      { numRuns: 2000 },
    );
  });

  it('theModemParsersNeverThrow', () => {
    fc.assert(
      fc.property(modemText, modemText, fc.option(fc.nat(300), { nil: null }), (line, next, length) => {
        parseRangeGroups(line);
        chooseCnmi(line);
        chooseCpms(line);
        parseCsq(line);
        parseCreg(line, true);
        parseCreg(line, false);
        parseCops(line);
        parseCmti(line);
        parseCdsi(line);
        parseCds([line, next]);
        parseCsmsService([line]);
        chooseCnmiRouting(line, true);
        parseImsi([line, next]);
        tidyPdu(line, length);
        parseCmgl([line, next, line]);
        parseCmgr([line, next]);
      }),
      { numRuns: 2000 },
    );
  });

  it('theCodecParsersThrowNothingButACodecError', () => {
    fc.assert(
      fc.property(modemText, fc.integer({ min: 0, max: 255 }), fc.constantFrom('GSM' as const, 'HEX' as const, 'UCS2' as const, 'IRA' as const), (line, dcs, cscs) => {
        codecOnly(() => parseCusd(line));
        cusdTextEnds(line);
        codecOnly(() => decodeUssdText(line, dcs, { cscs }));
        codecOnly(() => decodePdu(line));
        codecOnly(() => decodePdu(line, { smsc: false }));
      }),
      { numRuns: 2000 },
    );
  });

  it('aTranscriptOfAnythingGivesAnAnswerOrNoneButNeverThrows', () => {
    fc.assert(
      fc.property(fc.array(modemText, { maxLength: 20 }), (lines) => {
        const picker = answerFromTranscript(lines.join('\r\n'), { cscs: 'GSM', encoding: 'text' });
        if (picker.result) expect(['answer', 'further-action', 'terminated', 'other-client', 'not-supported', 'network-timeout']).toContain(picker.result.status);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('pathological lines of 200,000 characters parse to the right result', () => {
  it.each(PATHOLOGICAL.map((c) => [`${c.parser}: ${c.input}`, c] as const))('%s', (_name, pathological) => {
    expect(pathological.parse(pathological.make(200_000))).toEqual(pathological.expected(200_000));
  });
});
