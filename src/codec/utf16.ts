/** Builds a string of at most `capacity` UTF-16 units in one buffer (little-endian, as 'utf16le' reads it). */
export class Utf16Writer {
  private readonly bytes: Buffer;
  private length = 0;

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(capacity * 2);
  }

  put(unit: number): void {
    this.bytes[this.length++] = unit & 0xff;
    this.bytes[this.length++] = unit >> 8;
  }

  toString(): string {
    return this.bytes.toString('utf16le', 0, this.length);
  }
}
