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
  /** An element was malformed (its length overran the header, or did not fit its kind) and was ignored. */
  malformed: boolean;
}

const CONCAT_8BIT = 0x00;
const CONCAT_16BIT = 0x08;

/**
 * Parses a UDH body (without its length octet). Unknown elements are kept and otherwise ignored.
 * Phones and networks are lenient where senders get the header wrong, and so is this: an element
 * whose length runs past the header is ignored (nothing after it can be found), as is a
 * concatenation element of the wrong size; the elements before it and the text still count.
 *
 * A concatenation element whose numbers are impossible — total 0, part 0, or a part above the
 * total — is refused with a CodecError. TS 23.040 §9.2.3.24.1 asks a receiver to ignore such an
 * element (AOSP and ModemManager do), which would turn the part into a message of its own: a
 * fragment of a command run as a whole one. Refused, the PDU is kept raw and never run.
 */
export function parseUdh(body: Uint8Array): UserDataHeader {
  const elements: InformationElement[] = [];
  let concat: ConcatInfo | null = null;
  let malformed = false;
  let pos = 0;
  while (pos < body.length) {
    const iei = body[pos]!;
    const length = body[pos + 1];
    if (length === undefined || pos + 2 + length > body.length) {
      malformed = true;
      break;
    }
    const data = body.subarray(pos + 2, pos + 2 + length);
    pos += 2 + length;
    if (iei === CONCAT_8BIT || iei === CONCAT_16BIT) {
      const wide = iei === CONCAT_16BIT;
      if (length !== (wide ? 4 : 3)) {
        malformed = true;
        continue;
      }
      const ref = wide ? (data[0]! << 8) | data[1]! : data[0]!;
      const total = data[wide ? 2 : 1]!;
      const seq = data[wide ? 3 : 2]!;
      if (total === 0 || seq === 0 || seq > total) throw new CodecError(`concatenation part ${seq} of ${total} cannot exist`);
      concat = { ref, total, seq };
    }
    elements.push({ iei, data });
  }
  return { elements, concat, malformed };
}

/** A UDH (with its length octet) carrying one 8-bit-reference concatenation element. */
export function concatUdh(info: ConcatInfo): Uint8Array {
  return Uint8Array.from([0x05, 0x00, 0x03, info.ref & 0xff, info.total, info.seq]);
}

/** Fill bits that align GSM 7-bit text after a header of `udhOctets` (incl. its length octet). */
export function fillBitsAfter(udhOctets: number): number {
  return (7 - ((udhOctets * 8) % 7)) % 7;
}
