import { describe, expect, it } from 'vitest';
import { CodecError } from '../../src/codec/errors.js';
import { decodePdu } from '../../src/codec/pdu.js';
import { decodeDeliver } from '../../src/codec/sms-deliver.js';
import { parseCusd } from '../../src/codec/ussd.js';
import { decodeUssdText } from '../../src/codec/ussd-text.js';
import { parseCmgr } from '../../src/modem/parsers.js';
import { CMGR_TRANSCRIPTS } from '../vectors/cmgr-transcripts.js';
import { DELIVER_VECTORS } from '../vectors/deliver-vectors.js';
import { BAD_PDU_VECTORS, BARE_TPDU_VECTORS, LENIENT_PDU_VECTORS, PDU_VECTORS, VALID_CONTROLS } from '../vectors/pdu-vectors.js';
import { USSD_VECTORS } from '../vectors/ussd-vectors.js';

describe('the shared SMS-DELIVER vector set (also used by bench/codec)', () => {
  it.each(DELIVER_VECTORS.map((v) => [v.source, v] as const))('%s', (_source, vector) => {
    const { source: _unused, pdu, ...expected } = vector;
    expect(decodeDeliver(pdu)).toMatchObject(expected);
  });
});

describe('SUBMIT, status report and 8-bit vectors', () => {
  it.each(PDU_VECTORS.map((v) => [v.source, v] as const))('%s', (_source, vector) => {
    expect(decodePdu(vector.pdu)).toMatchObject(vector.expect);
  });

  it.each(BAD_PDU_VECTORS.map((v) => [v.source, v.pdu] as const))('%s is refused with a CodecError', (_source, pdu) => {
    expect(() => decodePdu(pdu)).toThrow(CodecError);
  });

  it.each(VALID_CONTROLS.map((v) => [v.source, v] as const))('control: %s decodes', (_source, vector) => {
    expect(decodePdu(vector.pdu)).toMatchObject(vector.expect);
  });
});

describe('PDUs that bend the spec the way real senders do', () => {
  it.each(LENIENT_PDU_VECTORS.map((v) => [v.source, v] as const))('%s', (_source, vector) => {
    expect(decodePdu(vector.pdu)).toMatchObject(vector.expect);
  });
});

describe('bare TPDUs, without the SMSC octet', () => {
  it.each(BARE_TPDU_VECTORS.map((v) => [v.source, v] as const))('%s: with smsc false', (_source, vector) => {
    expect(decodePdu(vector.pdu, { smsc: false })).toMatchObject(vector.expect);
  });

  it.each(BARE_TPDU_VECTORS.map((v) => [v.source, v] as const))('%s: from +CMGR, told apart by the header length', (_source, vector) => {
    const read = parseCmgr([`+CMGR: 0,,${vector.tpduLength}`, vector.pdu]);
    expect(decodePdu(read!.pdu)).toMatchObject(vector.expect);
  });

  it('aPduWithItsSmscIsLeftAsItIsWhenTheHeaderCountsTheTpduOnly', () => {
    const pdu = '07911614220991F1010005912143F500000BC8329BFD06DDDF723619';
    expect(parseCmgr(['+CMGR: 0,,19', pdu])).toEqual({ status: 0, pdu });
  });
});

describe('AT+CMGR transcripts from real modems (gammu tests/at-sms)', () => {
  it.each(CMGR_TRANSCRIPTS.map((t) => [t.source, t] as const))('%s', (_source, transcript) => {
    const read = parseCmgr(transcript.lines);
    expect(read).not.toBeNull();
    expect(decodePdu(read!.pdu)).toMatchObject(transcript.expect);
  });
});

describe('+CUSD answers from real modems', () => {
  it.each(USSD_VECTORS.map((v) => [v.source, v] as const))('%s', (_source, vector) => {
    const parsed = parseCusd(vector.line);
    expect(parsed.status).toBe(vector.status);
    expect(parsed.raw === null ? null : decodeUssdText(parsed.raw, parsed.dcs, vector.options)).toBe(vector.text);
  });
});
