import { Duplex } from 'node:stream';

/**
 * The DTE end of the simulated modem's serial line. Bytes written here go to the modem's input;
 * the modem's output is pushed here for the reader.
 */
export class SimLine extends Duplex {
  constructor(private readonly onInput: (chunk: Buffer) => void) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.onInput(chunk);
    callback();
  }

  override _read(): void {}

  deliver(bytes: Buffer): void {
    if (!this.destroyed) this.push(bytes);
  }
}
