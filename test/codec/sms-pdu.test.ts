import { describe, expect, it } from 'vitest';
import { decodeDeliver, encodeDeliver } from '../../src/codec/sms-deliver.js';
import { decodeSubmit, encodeSubmit } from '../../src/codec/sms-submit.js';
import { CodecError } from '../../src/codec/errors.js';
import { concatUdh } from '../../src/codec/udh.js';

// Vectors from faucamp/python-gsmmodem test/test_pdu.py (captured modem traffic and spec examples),
// and the TS 23.040 example reproduced on Wikipedia's "GSM 03.40" page.
describe('SMS-DELIVER decode: public vectors', () => {
  it.each([
    {
      source: 'python-gsmmodem test_pdu: Test2',
      pdu: '06917228195339040B917228214365F700003130805120618005D4F29C2E03',
      smsc: '+2782913593', sender: '+27821234567', timestamp: '2013-03-08T15:02:16+02:00', text: 'Test2',
    },
    {
      source: 'python-gsmmodem test_pdu: +8 h zone',
      pdu: '07915892000000F0040B915892214365F700007040213252242331493A283D0795C3F33C88FE06C9CB6132885EC6D341EDF27C1E3E97E7207B3A0C0A5241E377BB1D7693E72E',
      smsc: '+85290000000', sender: '+85291234567', timestamp: '2007-04-12T23:25:42+08:00', text: 'It is easy to read text messages via AT commands.',
    },
    {
      source: 'python-gsmmodem test_pdu: extension characters and é',
      pdu: '06917228195339040B917228214365F70000313062315352800A800D8A5E98D337A910',
      smsc: '+2782913593', sender: '+27821234567', timestamp: '2013-03-26T13:35:25+02:00', text: '@{tést}!',
    },
    {
      source: 'Wikipedia GSM 03.40 example (hellohello)',
      pdu: '07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37',
      smsc: '+27381000015', sender: '27838890001', timestamp: '1999-03-29T15:16:59+02:00', text: 'hellohello',
    },
  ])('$source', ({ pdu, smsc, sender, timestamp, text }) => {
    const sms = decodeDeliver(pdu);
    expect(sms).toMatchObject({ type: 'deliver', smsc, sender, timestamp, text, encoding: 'gsm7', concat: null });
  });

  it('python-gsmmodem: a one-part concatenated message (UDH ref 0xC3) from a national short sender', () => {
    const sms = decodeDeliver('0591721891F1400781721881F800003160526104848059050003C30101916536FB1DCABEEB2074D85E064941B19CAB060319A5C522289C96D3D3ED32286C0FA7D96131BBEC024941B19CAB0603DDD36C36A88C87A7E565D0DB0D82C55EB0DB4B068BCD5C20');
    expect(sms.sender).toBe('2781188');
    expect(sms.smsc).toBe('+2781191');
    expect(sms.concat).toEqual({ ref: 0xc3, total: 1, seq: 1 });
    expect(sms.text).toBe('Hello!You have R 19.50 FREE airtime available. R 19.50 will expire on 01/07/2013. ');
  });
});

describe('SMS-SUBMIT decode: public vectors', () => {
  it.each([
    { source: 'python-gsmmodem: relative validity', pdu: '07911326040000F0310D0B911326880736F40000A90FF7FBDD454E87CDE1B0DB357EB701', to: '+31628870634', text: 'www.diafaan.com', encoding: 'gsm7' },
    { source: 'python-gsmmodem: UCS2', pdu: '07914346466554F601000B914316565811F9000806304253F68449', to: '+34616585119', text: 'あ叶葉', encoding: 'ucs2' },
    { source: 'python-gsmmodem: 8-bit data', pdu: '0591721891F101000B917228214365F700040C48656C6C6F20776F726C6421', to: '+27821234567', text: 'Hello world!', encoding: '8bit' },
  ])('$source', ({ pdu, to, text, encoding }) => {
    expect(decodeSubmit(pdu)).toMatchObject({ to, text, encoding });
  });
});

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
    ['user data length beyond the data', '06917228195339040B917228214365F7000031308051206180FFD4F29C2E03'],
  ])('%s is a CodecError', (_name, pdu) => {
    expect(() => decodeDeliver(pdu)).toThrow(CodecError);
  });
});
