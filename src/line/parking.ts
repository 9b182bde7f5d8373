/**
 * How long a line that could not be brought up waits before it is tried again: 10 s, doubling to
 * an hour (smstools parks a failing modem for an hour), so a modem that is gone costs nothing while
 * one that comes back within seconds is found again soon.
 */
export class ParkingBackoff {
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
