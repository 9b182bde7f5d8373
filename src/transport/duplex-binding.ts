import type { Duplex } from 'node:stream';
import type {
  BindingInterface,
  BindingPortInterface,
  OpenOptions,
  PortInfo,
  PortStatus,
  SetOptions,
  UpdateOptions,
} from '@serialport/bindings-interface';

/** Errors a binding raises for reads cut short by our own close carry `canceled` (bindings-interface contract). */
class CanceledError extends Error {
  readonly canceled = true;
}

/**
 * A serialport binding over any Node Duplex: a TCP socket to ser2net or `gsmkeeper simulate --listen`,
 * or the in-process simulator's end of a virtual wire. Everything above the binding (SerialPortStream,
 * the AT engine) is the same code that drives a real tty.
 */
export class DuplexBinding implements BindingInterface<DuplexPort> {
  constructor(private readonly connect: (path: string) => Promise<Duplex>) {}

  async list(): Promise<PortInfo[]> {
    return [];
  }

  async open(options: OpenOptions): Promise<DuplexPort> {
    const duplex = await this.connect(options.path);
    return new DuplexPort(duplex, options);
  }
}

export class DuplexPort implements BindingPortInterface {
  readonly openOptions: Required<OpenOptions>;
  isOpen = true;
  private buffered: Buffer[] = [];
  private ended: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly duplex: Duplex, options: OpenOptions) {
    this.openOptions = {
      dataBits: 8, lock: true, stopBits: 1, parity: 'none', rtscts: false, xon: false, xoff: false, xany: false, hupcl: true,
      ...options,
    } as Required<OpenOptions>;
    duplex.on('data', (chunk: Buffer) => {
      this.buffered.push(chunk);
      this.notify();
    });
    const lost = (reason: string) => () => {
      this.ended ??= new Error(`connection ${reason}`);
      this.notify();
    };
    duplex.on('end', lost('ended by the other side'));
    duplex.on('close', lost('closed'));
    duplex.on('error', (err: Error) => {
      this.ended ??= err;
      this.notify();
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    for (;;) {
      if (!this.isOpen) throw new CanceledError('port is closed');
      const head = this.buffered[0];
      if (head) {
        const bytesRead = head.copy(buffer, offset, 0, Math.min(length, head.length));
        if (bytesRead < head.length) this.buffered[0] = head.subarray(bytesRead);
        else this.buffered.shift();
        return { buffer, bytesRead };
      }
      // A lost connection is a disconnect (not canceled), so SerialPortStream reports it as one.
      if (this.ended) throw this.ended;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async write(buffer: Buffer): Promise<void> {
    if (!this.isOpen) throw new CanceledError('port is closed');
    if (this.ended) throw this.ended;
    await new Promise<void>((resolve, reject) => this.duplex.write(buffer, (err) => (err ? reject(err) : resolve())));
  }

  async close(): Promise<void> {
    this.isOpen = false;
    this.duplex.destroy();
    this.notify();
  }

  async update(_options: UpdateOptions): Promise<void> {}
  async set(_options: SetOptions): Promise<void> {}
  async get(): Promise<PortStatus> {
    return { cts: true, dsr: true, dcd: true };
  }
  async getBaudRate(): Promise<{ baudRate: number }> {
    return { baudRate: this.openOptions.baudRate };
  }
  async flush(): Promise<void> {
    this.buffered = [];
  }
  async drain(): Promise<void> {}
}
