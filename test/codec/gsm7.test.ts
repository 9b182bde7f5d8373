import { describe, expect, it } from 'vitest';
import { canEncodeGsm7, packSeptets, septetLength, septetsToText, textToSeptets, unpackSeptets } from '../../src/codec/gsm7.js';
import { bytesToHex, hexToBytes } from '../../src/codec/hex.js';
import { CodecError } from '../../src/codec/errors.js';

describe('GSM 7-bit default alphabet (TS 23.038 §6.2.1)', () => {
  it.each([
    ['0x00 is @, not NUL', [0x00], '@'],
    ['0x02 is $', [0x02], '$'],
    ['0x24 is ¤, not $', [0x24], '¤'],
    ['0x40 is ¡, not @', [0x40], '¡'],
    ['0x11 is _', [0x11], '_'],
    ['0x5B–0x5F are ÄÖÑÜ§', [0x5b, 0x5c, 0x5d, 0x5e, 0x5f], 'ÄÖÑÜ§'],
    ['0x60 is ¿ and 0x7B–0x7F äöñüà', [0x60, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f], '¿äöñüà'],
    ['Greek capitals 0x10–0x1A', [0x10, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a], 'ΔΦΓΛΩΠΨΣΘΞ'],
  ])('%s', (_name, septets, text) => {
    expect(septetsToText(septets)).toBe(text);
    expect(textToSeptets(text)).toEqual(septets);
  });

  it.each([
    ['€', [0x1b, 0x65]],
    ['[', [0x1b, 0x3c]],
    [']', [0x1b, 0x3e]],
    ['{', [0x1b, 0x28]],
    ['}', [0x1b, 0x29]],
    ['^', [0x1b, 0x14]],
    ['~', [0x1b, 0x3d]],
    ['|', [0x1b, 0x40]],
    ['\\', [0x1b, 0x2f]],
  ])('extension table: %s is ESC + code and costs two septets', (ch, septets) => {
    expect(textToSeptets(ch)).toEqual(septets);
    expect(septetsToText(septets)).toBe(ch);
    expect(septetLength(ch)).toBe(2);
  });

  it('an escape to an undefined extension code falls back to the default character (TS 23.038 §6.2.1.1)', () => {
    expect(septetsToText([0x1b, 0x41])).toBe('A');
  });

  it('two escapes read as a space, never as a control character (AOSP testDecodeExtendedFallback)', () => {
    expect(septetsToText([0x41, 0x1b, 0x1b, 0x42])).toBe('A B');
  });

  it('never replaces a character outside the alphabet silently', () => {
    expect(canEncodeGsm7('Здравей')).toBe(false);
    expect(() => textToSeptets('a😀')).toThrow(CodecError);
    expect(septetLength('ж')).toBeUndefined();
  });
});

describe('septet packing', () => {
  it('packs "hellohello" to the TS 23.040 / Wikipedia example E8329BFD4697D9EC37', () => {
    expect(bytesToHex(packSeptets(textToSeptets('hellohello')))).toBe('E8329BFD4697D9EC37');
  });

  it('packs *101# as Huawei E1xx modems expect it: AA182C3602', () => {
    expect(bytesToHex(packSeptets(textToSeptets('*101#')))).toBe('AA182C3602');
  });

  it('unpacks with fill bits after a 6-octet header (1 fill bit)', () => {
    const septets = textToSeptets('Hi');
    const packed = packSeptets(septets, 1);
    expect(unpackSeptets(packed, 2, 1)).toEqual(septets);
  });

  it('refuses to unpack more septets than the octets hold', () => {
    expect(() => unpackSeptets(hexToBytes('E832'), 5)).toThrow(CodecError);
  });
});
