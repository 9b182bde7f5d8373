import { CodecError } from './errors.js';
import { OctetReader } from './hex.js';
import { packSeptets, septetsToText, textToSeptets, unpackSeptets } from './gsm7.js';

/** Type-of-address octets (TS 23.040 §9.1.2.5). */
export const TOA_INTERNATIONAL = 0x91;
export const TOA_UNKNOWN = 0x81;
const TON_ALPHANUMERIC = 5;

const SEMI_OCTET_DIGITS = '0123456789*#abc';

export interface DecodedAddress {
  /** '+'-prefixed for international numbers; the plain text for alphanumeric senders. */
  number: string;
  toa: number;
  alphanumeric: boolean;
}

function decodeSemiOctets(bytes: Uint8Array, digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) {
    const byte = bytes[i >> 1]!;
    const nibble = i % 2 === 0 ? byte & 0x0f : byte >> 4;
    if (nibble === 0x0f) break;
    out += SEMI_OCTET_DIGITS[nibble] ?? '?';
  }
  return out;
}

function encodeSemiOctets(digits: string): Uint8Array {
  const out = new Uint8Array(Math.ceil(digits.length / 2));
  for (let i = 0; i < digits.length; i++) {
    const nibble = SEMI_OCTET_DIGITS.indexOf(digits[i]!);
    if (nibble < 0) throw new CodecError(`"${digits[i]}" cannot be written as a semi-octet`);
    out[i >> 1]! |= i % 2 === 0 ? nibble : nibble << 4;
  }
  if (digits.length % 2 === 1) out[out.length - 1]! |= 0xf0;
  return out;
}

/** Reads an originating/destination address: length in digits (semi-octets), TOA, value. */
export function readAddress(reader: OctetReader, field: string): DecodedAddress {
  const length = reader.byte(`${field} length`);
  const toa = reader.byte(`${field} type`);
  const bytes = reader.take(Math.ceil(length / 2), field);
  if (((toa >> 4) & 0x07) === TON_ALPHANUMERIC) {
    const septets = unpackSeptets(bytes, Math.floor((length * 4) / 7));
    // The length in semi-octets says how many septets are real: a trailing '@' (0x00) is text, not padding.
    return { number: septetsToText(septets), toa, alphanumeric: true };
  }
  const digits = decodeSemiOctets(bytes, length);
  return { number: toa === TOA_INTERNATIONAL && digits ? `+${digits}` : digits, toa, alphanumeric: false };
}

/** Writes an address from '+<digits>', '<digits>', or (for alphanumeric senders) any GSM-7 text. */
export function writeAddress(number: string, options: { alphanumeric?: boolean } = {}): Uint8Array {
  if (options.alphanumeric) {
    const septets = textToSeptets(number);
    const packed = packSeptets(septets);
    const semiOctets = Math.ceil((septets.length * 7) / 4);
    return Uint8Array.from([semiOctets, 0xd0, ...packed]);
  }
  const international = number.startsWith('+');
  const digits = international ? number.slice(1) : number;
  if (!/^[0-9*#]{1,20}$/.test(digits)) throw new CodecError(`"${number}" is not a phone number`);
  return Uint8Array.from([digits.length, international ? TOA_INTERNATIONAL : TOA_UNKNOWN, ...encodeSemiOctets(digits)]);
}

/** Reads the SMSC prefix of a PDU as the modem gives it: length in octets (incl. TOA), TOA, BCD. */
export function readSmsc(reader: OctetReader): string | null {
  const length = reader.byte('SMSC length');
  if (length === 0) return null;
  const toa = reader.byte('SMSC type');
  const bytes = reader.take(length - 1, 'SMSC address');
  const digits = decodeSemiOctets(bytes, bytes.length * 2);
  return toa === TOA_INTERNATIONAL ? `+${digits}` : digits;
}

export function writeSmsc(smsc: string | null): Uint8Array {
  if (!smsc) return Uint8Array.from([0]);
  const address = writeAddress(smsc);
  return Uint8Array.from([address.length - 1, ...address.subarray(1)]);
}

/**
 * One canonical form for comparing numbers: '+<cc><national>' for national numbers with a leading
 * 0 (with country code 359, 0888123456 → +359888123456), '+…' for '00…', short codes unchanged.
 * The country code is the line's (its SIM's country, or the config's); with none, a national number
 * stays as it is.
 */
export function canonicalNumber(number: string, countryCode: string | null): string {
  const compact = number.replace(/[\s()-]/g, '');
  if (compact.startsWith('+')) return compact;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  if (countryCode !== null && compact.startsWith('0') && compact.length > 6) return `+${countryCode}${compact.slice(1)}`;
  return compact;
}
