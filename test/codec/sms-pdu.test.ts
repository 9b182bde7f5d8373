import { describe, expect, it } from 'vitest';
import { decodeDeliver, encodeDeliver } from '../../src/codec/sms-deliver.js';
import { decodeSubmit, encodeSubmit } from '../../src/codec/sms-submit.js';
import { decodePdu } from '../../src/codec/pdu.js';
import { deliveryStatus, encodeStatusReport, statusText } from '../../src/codec/sms-status-report.js';
import { CodecError } from '../../src/codec/errors.js';
import { concatUdh } from '../../src/codec/udh.js';

// Public SMS-DELIVER, SUBMIT and status report vectors are in test/vectors, run by vectors.test.ts.
describe('SMS-SUBMIT encode', () => {
  it('packs "Hello World!" as python-gsmmodem does (UDL 0C, C8329BFD065DDF72363904)', () => {
    const [part] = encodeSubmit('+27820001111', 'Hello World!');
    expect(part!.pdu.endsWith('0CC8329BFD065DDF72363904')).toBe(true);
    expect(part!.pdu.startsWith('0011000B917228001011F1')).toBe(true);
  });

  it('gives the AT+CMGS length as TPDU octets without the SMSC octet', () => {
    const [part] = encodeSubmit('0888123456', 'Balance 7.50 EUR');
    expect(part!.tpduLength).toBe(part!.pdu.length / 2 - 1);
  });

  it('splits a long GSM 7-bit text into 153-septet parts with the same user data as python-gsmmodem', () => {
    const lorem = 'Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.Ut enim ad minim veniam, quinostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.Duis aute irure dolor in reprehenderit in voluptate velit esse cillum doloe eu fugiat nulla pariatur.Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum';
    const parts = encodeSubmit('+15125551234', lorem, { reference: 0 });
    expect(parts).toHaveLength(3);
    // Their first octet and validity differ from ours (0x45, no VP); the UDL and user data must not.
    expect(parts[0]!.pdu).toContain('A0050003000301986F79B90D4AC3E7F53688FC66BFE5A0799A0E0AB7CB741668FC76CFCB637A995E9783C2E4343C3D4F8FD3EE33A8CC4ED359A079990C22BF41E5747DDE7E9341F4721BFE9683D2EE719A9C26D7DD74509D0E6287C56F791954A683C86FF65B5E06B5C36777181466A7E3F5B0AB4A0795DDE936284C06B5D3EE741B642FBBD3E1360B14AFA7DD');
    expect(parts[2]!.pdu).toContain('8C050003000303EA2073FD9C0ED341');
    expect(parts.map((p) => decodeSubmit(p.pdu).text).join('')).toBe(lorem);
  });

  it('never cuts an escape pair: a € at the 153rd septet moves whole to the next part', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(20);
    const parts = encodeSubmit('0888123456', text).map((p) => decodeSubmit(p.pdu));
    expect(parts[0]!.text).toBe('a'.repeat(152));
    expect(parts[1]!.text.startsWith('€')).toBe(true);
  });

  it('never cuts a surrogate pair in UCS2 parts', () => {
    const text = 'Ж'.repeat(66) + '😀' + 'Ж'.repeat(10);
    const parts = encodeSubmit('0888123456', text).map((p) => decodeSubmit(p.pdu));
    expect(parts[0]!.text).toBe('Ж'.repeat(66));
    expect(parts[1]!.text.startsWith('😀')).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('uses UCS2 for Cyrillic and keeps 70 characters in one part', () => {
    const parts = encodeSubmit('0888123456', 'Б'.repeat(70));
    expect(parts).toHaveLength(1);
    expect(decodeSubmit(parts[0]!.pdu)).toMatchObject({ encoding: 'ucs2', text: 'Б'.repeat(70) });
  });
});

describe('SMS-SUBMIT asking for a status report (TP-SRR)', () => {
  it('setsTpSrrInTheFirstOctetAsPythonGsmmodemDoes', () => {
    // babca/python-gsmmodem test/test_pdu.py test_encodeSmsSubmit, requestStatusReport=True:
    // 04A12143F5 (SMSC 12345) | 31 0D 0A A1 1062452143 00 00 A9 1B D4F29C… — first octet 0x31.
    // The modem fills in TP-MR (we write 00) and a national number is "unknown" (81) here, "national" (A1) there.
    const vector = '310D0AA110624521430000A91BD4F29C0E6A97E7F3F0B9AC03B1DFE3301BE4AEB7C565F91C';
    const [part] = encodeSubmit('0126541234', 'Test message: local numbers', { statusReport: true, validityPeriod: 0xa9 });
    const tpdu = part!.pdu.slice(2);
    expect(tpdu.slice(0, 2)).toBe('31');
    expect(`${tpdu.slice(0, 2)}0D${tpdu.slice(4, 6)}A1${tpdu.slice(8)}`).toBe(vector);
  });

  it('asksForAReportOnEveryPartOfALongText', () => {
    const parts = encodeSubmit('0888123456', 'x'.repeat(400), { statusReport: true });
    expect(parts).toHaveLength(3);
    for (const part of parts) {
      expect(Number.parseInt(part.pdu.slice(2, 4), 16)).toBe(0x71); // SUBMIT, VP relative, SRR, UDHI
      expect(decodeSubmit(part.pdu).statusReport).toBe(true);
    }
  });

  it('asksForNoReportUnlessTold', () => {
    const [part] = encodeSubmit('0888123456', 'Balance 7.50 EUR');
    expect(part!.pdu.slice(2, 4)).toBe('11');
    expect(decodeSubmit(part!.pdu).statusReport).toBe(false);
  });
});

describe('SMS-STATUS-REPORT: TP-ST in words and the report a network builds', () => {
  it.each([
    [0x00, 'delivered', 'received by the recipient (TP-ST 0x00)'],
    [0x01, 'delivered', 'forwarded to the recipient, delivery not confirmed (TP-ST 0x01)'],
    [0x1f, 'delivered', 'delivered (TP-ST 0x1f)'],
    [0x22, 'pending', "no response from the recipient's phone, still trying (TP-ST 0x22)"],
    [0x30, 'pending', 'not delivered yet, still trying (TP-ST 0x30)'],
    [0x43, 'failed', 'not obtainable (TP-ST 0x43)'],
    [0x46, 'failed', 'validity period expired (TP-ST 0x46)'],
    [0x62, 'failed', "no response from the recipient's phone, no more attempts (TP-ST 0x62)"],
    [0x7f, 'failed', 'not delivered, no more attempts (TP-ST 0x7f)'],
  ] as const)('TS 23.040 §9.2.3.15: TP-ST %i is %s', (status, delivery, words) => {
    expect(deliveryStatus(status)).toBe(delivery);
    expect(statusText(status)).toBe(words);
  });

  it('encodesAReportThatDecodesToWhatWasGiven', () => {
    const pdu = encodeStatusReport({ reference: 200, recipient: '+359888123456', submitted: new Date('2026-03-01T10:00:00Z'), discharged: new Date('2026-03-01T10:00:05Z'), status: 0x62, smsc: '+35988000000' });
    expect(decodePdu(pdu)).toMatchObject({
      type: 'status-report', smsc: '+35988000000', reference: 200, recipient: '+359888123456',
      timestamp: '2026-03-01T12:00:00+02:00', discharged: '2026-03-01T12:00:05+02:00', status: 0x62, delivery: 'failed',
    });
  });

  it('buildsTheSameOctetsAsThePythonGsmmodemVector', () => {
    // python-gsmmodem test/test_pdu.py test_decode: 06 D6 0B911326880736F4 11101171955140 11101171957140 00 —
    // MR 214 for +31628870634, 2011-01-11 17:59:15 and 17:59:17, zone 40 (+01:00), delivered.
    const pdu = encodeStatusReport({ reference: 214, recipient: '+31628870634', submitted: new Date('2011-01-11T16:59:15Z'), discharged: new Date('2011-01-11T16:59:17Z'), status: 0, offsetMinutes: 60 });
    expect(pdu).toBe('0006D60B911326880736F4111011719551401110117195714000');
  });
});

describe('SMS-DELIVER round trip and bad input', () => {
  it('encodes what it decodes, with a header and fill bits', () => {
    const pdu = encodeDeliver({ sender: '+359888123456', text: 'Part [one] €', date: new Date('2026-03-29T00:30:00Z'), offsetMinutes: 180, udh: concatUdh({ ref: 7, total: 2, seq: 1 }) });
    expect(decodeDeliver(pdu)).toMatchObject({ sender: '+359888123456', text: 'Part [one] €', timestamp: '2026-03-29T03:30:00+03:00', concat: { ref: 7, total: 2, seq: 1 } });
  });

  it.each([
    ['odd-length hex', '0791'],
    ['non-hex', 'ZZ'],
    ['truncated after the sender', '06917228195339040B917228'],
    ['a SUBMIT where a DELIVER is expected', '0011000B917228001011F100000CC8329BFD065DDF72363904'],
  ])('%s is a CodecError', (_name, pdu) => {
    expect(() => decodeDeliver(pdu)).toThrow(CodecError);
  });

  it('aUserDataLengthBeyondTheDataGivesWhatIsThereFlaggedTruncated', () => {
    expect(decodeDeliver('06917228195339040B917228214365F7000031308051206180FFD4F29C2E03')).toMatchObject({ text: 'Test2', truncated: true });
  });

  it('aCompleteMessageIsNotFlaggedTruncated', () => {
    expect(decodeDeliver('06917228195339040B917228214365F700003130805120618005D4F29C2E03')).toMatchObject({ text: 'Test2', truncated: false });
  });

  it('aUcs2TextCutInTheMiddleOfACharacterDropsTheHalf', () => {
    const pdu = encodeDeliver({ sender: '+359888123456', text: 'Баланс', date: new Date('2026-03-01T10:00:00Z'), alphabet: 'ucs2' });
    expect(decodeDeliver(pdu.slice(0, -2))).toMatchObject({ text: 'Балан', truncated: true });
  });

  it.each([
    ['part 0 of 2', { ref: 7, total: 2, seq: 0 }],
    ['part 3 of 2', { ref: 7, total: 2, seq: 3 }],
    ['part 1 of 0', { ref: 7, total: 0, seq: 1 }],
  ])('a concatenation %s is refused, so it can never complete a message early', (_name, info) => {
    const pdu = encodeDeliver({ sender: '+359888123456', text: 'CREDIT 1234', date: new Date('2026-03-01T10:00:00Z'), udh: concatUdh(info) });
    expect(() => decodeDeliver(pdu)).toThrow(CodecError);
  });
});
