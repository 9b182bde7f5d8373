import { CodecError } from './errors.js';
import type { Alphabet } from './dcs.js';
import { packSeptets, septetsToText, textToSeptets, unpackSeptets } from './gsm7.js';
import { decodeUcs2, encodeUcs2 } from './ucs2.js';
import { fillBitsAfter, parseUdh, type UserDataHeader } from './udh.js';

export interface DecodedUserData {
  text: string;
  udh: UserDataHeader | null;
}

/**
 * Decodes TP-UD. `udl` is in septets for GSM 7-bit (header included) and in octets otherwise
 * (TS 23.040 §9.2.3.16).
 */
export function decodeUserData(alphabet: Alphabet, hasUdh: boolean, udl: number, ud: Uint8Array): DecodedUserData {
  let udh: UserDataHeader | null = null;
  let headerOctets = 0;
  if (hasUdh) {
    const udhl = ud[0];
    if (udhl === undefined || udhl + 1 > ud.length) throw new CodecError('user data header is longer than the user data');
    udh = parseUdh(ud.subarray(1, 1 + udhl));
    headerOctets = udhl + 1;
  }
  if (alphabet === 'gsm7') {
    const headerSeptets = Math.ceil((headerOctets * 8) / 7);
    const count = udl - headerSeptets;
    if (count < 0) throw new CodecError('user data length is shorter than its header');
    const septets = unpackSeptets(ud.subarray(headerOctets), count, headerOctets ? fillBitsAfter(headerOctets) : 0);
    return { text: septetsToText(septets), udh };
  }
  if (udl > ud.length) throw new CodecError(`user data length ${udl} exceeds the ${ud.length} octets present`);
  const body = ud.subarray(headerOctets, udl);
  const text = alphabet === 'ucs2' ? decodeUcs2(body) : Buffer.from(body).toString('latin1');
  return { text, udh };
}

/** Encodes text (and an optional header with its length octet) as TP-UDL + TP-UD. */
export function encodeUserData(alphabet: Alphabet, text: string, udh?: Uint8Array): { udl: number; ud: Uint8Array } {
  const header = udh ?? new Uint8Array(0);
  if (alphabet === 'gsm7') {
    const septets = textToSeptets(text);
    const fill = header.length ? fillBitsAfter(header.length) : 0;
    const packed = packSeptets(septets, fill);
    const headerSeptets = Math.ceil((header.length * 8) / 7);
    return { udl: headerSeptets + septets.length, ud: Uint8Array.from([...header, ...packed]) };
  }
  const body = alphabet === 'ucs2' ? encodeUcs2(text) : Uint8Array.from(Buffer.from(text, 'latin1'));
  return { udl: header.length + body.length, ud: Uint8Array.from([...header, ...body]) };
}
