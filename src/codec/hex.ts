import { CodecError } from './errors.js';

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

export function isHex(text: string): boolean {
  return text.length > 0 && HEX_RE.test(text);
}

/** Parses an even-length hex string; anything else is a CodecError, never a silent truncation. */
export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.trim();
  if (clean.length % 2 !== 0) throw new CodecError(`odd-length hex (${clean.length} digits)`);
  if (!HEX_RE.test(clean)) throw new CodecError('hex contains a non-hex character');
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

/** A cursor over PDU octets that reports truncation as a CodecError naming the field. */
export class OctetReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  byte(field: string): number {
    const value = this.bytes[this.pos];
    if (value === undefined) throw new CodecError(`PDU truncated at ${field}`);
    this.pos += 1;
    return value;
  }

  take(count: number, field: string): Uint8Array {
    if (count < 0 || this.pos + count > this.bytes.length) {
      throw new CodecError(`PDU truncated in ${field} (needs ${count} octets, has ${this.remaining})`);
    }
    const slice = this.bytes.subarray(this.pos, this.pos + count);
    this.pos += count;
    return slice;
  }

  rest(): Uint8Array {
    const slice = this.bytes.subarray(this.pos);
    this.pos = this.bytes.length;
    return slice;
  }
}
