import { CodecError } from './errors.js';

export interface ConcatInfo {
  ref: number;
  total: number;
  seq: number;
}

export interface InformationElement {
  iei: number;
  data: Uint8Array;
}

export interface UserDataHeader {
  elements: InformationElement[];
  concat: ConcatInfo | null;
}

/** Parses a UDH body (without its length octet). Unknown IEs are kept and otherwise ignored. */
export function parseUdh(body: Uint8Array): UserDataHeader {
  const elements: InformationElement[] = [];
  let concat: ConcatInfo | null = null;
  let pos = 0;
  while (pos < body.length) {
    const iei = body[pos]!;
    const length = body[pos + 1];
    if (length === undefined || pos + 2 + length > body.length) throw new CodecError('user data header element overruns the header');
    const data = body.subarray(pos + 2, pos + 2 + length);
    elements.push({ iei, data });
    // TS 23.040 §9.2.3.24.1 / .8: 8-bit and 16-bit concatenation references; total 0 means "ignore".
    if (iei === 0x00 && length === 3 && data[1]! > 0) concat = { ref: data[0]!, total: data[1]!, seq: data[2]! };
    if (iei === 0x08 && length === 4 && data[2]! > 0) concat = { ref: (data[0]! << 8) | data[1]!, total: data[2]!, seq: data[3]! };
    pos += 2 + length;
  }
  return { elements, concat };
}

/** A UDH (with its length octet) carrying one 8-bit-reference concatenation element. */
export function concatUdh(info: ConcatInfo): Uint8Array {
  return Uint8Array.from([0x05, 0x00, 0x03, info.ref & 0xff, info.total, info.seq]);
}

/** Fill bits that align GSM 7-bit text after a header of `udhOctets` (incl. its length octet). */
export function fillBitsAfter(udhOctets: number): number {
  return (7 - ((udhOctets * 8) % 7)) % 7;
}
