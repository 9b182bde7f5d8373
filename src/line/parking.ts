/**
 * How long a line that could not be brought up waits before it is tried again: 10 s, doubling to
 * an hour (smstools parks a failing modem for an hour), so a modem that is gone costs nothing while
 * one that comes back within seconds is found again soon.
 */
class ParkingBackoff {
  private next: number;

  constructor(private readonly firstMs = 10_000, private readonly maxMs = 3_600_000) {
    this.next = firstMs;
  }

  /** The wait before the next try, each one longer than the last. */
  take(): number {
    const wait = this.next;
    this.next = Math.min(this.maxMs, this.next * 2);
    return wait;
  }

  /** The line came up: a later fault starts from the first wait again. */
  reset(): void {
    this.next = this.firstMs;
  }
}

/**
 * A parked line's wait: why it is parked, when it is tried again, and the timer that tries it. The
 * waits follow ParkingBackoff; the timer does not keep the process alive.
 */
export class Parking {
  /** Why the line is parked; read only while it is. */
  why: string | null = null;
  private readonly backoff: ParkingBackoff;
  private retryAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(firstMs: number | undefined, private readonly retry: () => void) {
    this.backoff = new ParkingBackoff(firstMs);
  }

  /** When a parked line is tried again. */
  get retryAtIso(): string | null {
    return this.retryAt === null ? null : new Date(this.retryAt).toISOString();
  }

  /** Parks the line for the next wait (a try already due is replaced); returns the wait. */
  park(why: string): number {
    const wait = this.backoff.take();
    this.why = why;
    this.retryAt = Date.now() + wait;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.retry, wait);
    this.timer.unref();
    return wait;
  }

  /** A try to bring the line up begins: no retry is due any more. */
  trying(): void {
    this.retryAt = null;
  }

  /** The line came up: a later fault waits the first wait again. */
  up(): void {
    this.backoff.reset();
  }

  /** The line stops: it is not tried again. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
