import { CodecError } from './errors.js';
import type { Alphabet } from './dcs.js';
import { packSeptets, septetsToText, textToSeptets, unpackSeptets } from './gsm7.js';
import { decodeUcs2, encodeUcs2 } from './ucs2.js';
import { fillBitsAfter, parseUdh, type UserDataHeader } from './udh.js';

export interface DecodedUserData {
  text: string;
  udh: UserDataHeader | null;
  /** The user data length promised more than the PDU holds: `text` is what there was. */
  truncated: boolean;
}

/**
 * Decodes TP-UD. `udl` is in septets for GSM 7-bit (header included) and in octets otherwise
 * (TS 23.040 §9.2.3.16). A UDL larger than the data present is decoded as far as the data goes and
 * flagged `truncated` (python-gsmmodem's tests expect such a PDU read; ModemManager and
 * warthog618/sms refuse them; either way the text is not the whole message, and the intake never
 * runs it). A UDL too small for its own header cannot be read either way and is a CodecError.
 */
export function decodeUserData(alphabet: Alphabet, hasUdh: boolean, udl: number, ud: Uint8Array): DecodedUserData {
  let udh: UserDataHeader | null = null;
  let headerOctets = 0;
  let truncated = false;
  if (hasUdh) {
    if (udl === 0) throw new CodecError('a user data header is announced but the user data is empty');
    const udhl = ud[0];
    if (udhl === undefined) return { text: '', udh: null, truncated: true };
    headerOctets = udhl + 1;
    const headerUnits = alphabet === 'gsm7' ? Math.ceil((headerOctets * 8) / 7) : headerOctets;
    if (udl < headerUnits) throw new CodecError('user data length is shorter than its header');
    truncated = headerOctets > ud.length;
    udh = parseUdh(ud.subarray(1, headerOctets));
  }
  const body = ud.subarray(Math.min(headerOctets, ud.length));
  if (alphabet === 'gsm7') {
    const count = udl - (headerOctets ? Math.ceil((headerOctets * 8) / 7) : 0);
    const fill = headerOctets ? fillBitsAfter(headerOctets) : 0;
    const available = Math.max(0, Math.floor((body.length * 8 - fill) / 7));
    if (count > available) truncated = true;
    return { text: septetsToText(unpackSeptets(body, Math.min(count, available), fill)), udh, truncated };
  }
  const wanted = udl - headerOctets;
  let octets = body.subarray(0, wanted);
  if (octets.length < wanted) {
    truncated = true;
    // A UCS2 text cut short may end in half a character: that half is not text.
    if (alphabet === 'ucs2' && octets.length % 2 === 1) octets = octets.subarray(0, octets.length - 1);
  }
  const text = alphabet === 'ucs2' ? decodeUcs2(octets) : Buffer.from(octets).toString('latin1');
  return { text, udh, truncated };
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
