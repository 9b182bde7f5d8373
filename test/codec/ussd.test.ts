import { describe, expect, it } from 'vitest';
import { encodeUssdRequest, parseCusd } from '../../src/codec/ussd.js';
import { decodeUssdText } from '../../src/codec/ussd-text.js';
import { CodecError } from '../../src/codec/errors.js';

describe('+CUSD parsing (TS 27.007 §7.15)', () => {
  it('keeps decimal commas inside the quoted text (serialport-gsm splits on them)', () => {
    expect(parseCusd('+CUSD: 0,"Prezarejdane s 10,00 lv. Obshta suma 12,50 lv.",15')).toEqual({
      status: 'answer', code: 0, raw: 'Prezarejdane s 10,00 lv. Obshta suma 12,50 lv.', dcs: 15,
    });
  });

  it('keeps the text of m=2 (network ended the session) as an answer', () => {
    expect(parseCusd('+CUSD: 2,"Balance 3.20 EUR",15')).toMatchObject({ status: 'terminated', raw: 'Balance 3.20 EUR' });
  });

  it('reads a status with no text (m=4 not supported)', () => {
    expect(parseCusd('+CUSD: 4')).toEqual({ status: 'not-supported', code: 4, raw: null, dcs: null });
  });

  it('accepts a quoted text spanning lines', () => {
    expect(parseCusd('+CUSD: 1,"1 Balans\n2 Paketi",15').raw).toBe('1 Balans\n2 Paketi');
  });

  it('rejects what is not a +CUSD line', () => {
    expect(() => parseCusd('+CMTI: "SM",1')).toThrow(CodecError);
    expect(() => parseCusd('+CUSD: 9,"x",15')).toThrow(CodecError);
  });
});

describe('USSD text decoding by DCS and CSCS', () => {
  it('UCS2 hex when the DCS is 72 (gammu issue #358 style answer)', () => {
    expect(decodeUssdText('04110430043B0430043D0441', 72)).toBe('Баланс');
  });

  it('packed GSM 7-bit hex from a Huawei E1xx answer', () => {
    expect(decodeUssdText('AA182C3602', 15, { packed: true })).toBe('*101#');
  });

  it('unpacked septets as hex under CSCS "HEX"', () => {
    expect(decodeUssdText('2A3130312300', 15, { cscs: 'HEX' })).toBe('*101#@');
  });

  it('plain digits under CSCS "GSM" stay digits although they look like hex', () => {
    expect(decodeUssdText('123456', 15, { cscs: 'GSM' })).toBe('123456');
  });

  it('plain text although the DCS says UCS2: the modem already decoded it', () => {
    expect(decodeUssdText('Balans 5.00 EUR', 72)).toBe('Balans 5.00 EUR');
  });
});

describe('USSD requests', () => {
  it('refuses anything but digits, * and # (no AT injection through a relay)', () => {
    expect(() => encodeUssdRequest('*101#1",0\rAT+CFUN=0')).toThrow(CodecError);
    expect(() => encodeUssdRequest('')).toThrow(CodecError);
  });

  it('encodes for packed and UCS2 modems', () => {
    expect(encodeUssdRequest('*101#', 'packed')).toBe('AA182C3602');
    expect(encodeUssdRequest('*102#', 'ucs2')).toBe('002A0031003000320023');
  });
});

describe('packed USSD padding (TS 23.038 §6.1.2.3.1)', () => {
  it('pads an 8n-1 character request with CR so the spare bits do not read as @', () => {
    const hex = encodeUssdRequest('*101*1#', 'packed');
    expect(decodeUssdText(hex, 15, { packed: true })).toBe('*101*1#');
    expect(hex.length).toBe(14);
  });

  it('drops zero padding bits that an encoder left instead of CR', () => {
    expect(decodeUssdText('C2303BEC9E8372AE1A0C54AC4A01', 15, { packed: true })).toBe('Balans 9.50 EUR');
  });
});

describe('the fallback when DCS, CSCS and the text disagree', () => {
  it('a packed-hex answer from a modem nobody told to pack is still read (Huawei E173 left at defaults)', () => {
    expect(decodeUssdText('C2303BEC9E8372AE1A0C54AC4A01', 15, { cscs: 'GSM' })).toBe('Balans 9.50 EUR');
  });

  it('an answer of digits that happens to be hex stays digits', () => {
    expect(decodeUssdText('12345678', 15, { cscs: 'GSM' })).toBe('12345678');
  });

  it('hex that does not unpack to readable text stays as printed', () => {
    expect(decodeUssdText('DEADBEEF00FF', 15, { cscs: 'GSM' })).toBe('DEADBEEF00FF');
  });

  it('septets printed one per octet are recognised under a text character set', () => {
    expect(decodeUssdText('42616C616E7320352E303020455552', 15, { cscs: 'GSM' })).toBe('Balans 5.00 EUR');
  });

  it('UCS2 hex is recognised under a text character set when the DCS says GSM 7-bit', () => {
    expect(decodeUssdText('00420061006C0061006E00730020', 15, { cscs: 'GSM' })).toBe('Balans ');
  });

  it('a reading that is not GSM-alphabet text is refused when the DCS says GSM 7-bit: the next form is tried', () => {
    // As UCS2 these octets are CJK; as septets they are the carrier's words.
    expect(decodeUssdText('536973612070756C7361', 0, { cscs: 'UCS2' })).toBe('Sisa pulsa');
  });

  it('a UCS2 answer ends at the first NUL (modems pad with leftover buffer)', () => {
    expect(decodeUssdText('0042006100000041FFFF', 72)).toBe('Ba');
  });

  it('under CSCS "GSM" the printed bytes are GSM codes: ESC e is €, 0x02 is $', () => {
    expect(decodeUssdText('Balans 5.00 \x1be, \x02 1', 15, { cscs: 'GSM' })).toBe('Balans 5.00 €, $ 1');
    expect(decodeUssdText('Balans 5.00 \x1be', 15, { cscs: 'IRA' })).toBe('Balans 5.00 \x1be');
  });

  it('a UCS2 DCS with a text that is not a whole number of UCS2 characters stays as printed', () => {
    expect(decodeUssdText('0041004', 72)).toBe('0041004');
  });
});
