/**
 * A serial line's speed: each byte costs 10 bit times (8N1), so at 115200 baud about 11.5 kB/s
 * cross in each direction, independently (full duplex). Chunks are handed on when their last
 * byte would have arrived. Counts every byte, for the benchmarks.
 */
export class PacedDirection {
  private busyUntil = 0;
  bytes = 0;

  constructor(private readonly baud: number | null, private readonly deliver: (chunk: Buffer) => void) {}

  send(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (!this.baud) return this.deliver(chunk);
    const now = performance.now();
    const start = Math.max(now, this.busyUntil);
    this.busyUntil = start + (chunk.length * 10 * 1000) / this.baud;
    const wait = this.busyUntil - now;
    // Sub-millisecond waits are not worth a timer's own latency; the line stays honest on average.
    if (wait < 1) this.deliver(chunk);
    else setTimeout(() => this.deliver(chunk), wait);
  }
}
