import { canonicalNumber } from '../codec/address.js';

interface Waiter {
  from: Set<string>;
  resolve: (text: string | null) => void;
  timer: NodeJS.Timeout;
}

/** A carrier's sender (a short number, a name) is matched as written: only `00…` and `+…` are made one. */
const key = (sender: string): string => canonicalNumber(sender, null).toUpperCase();

/**
 * Recharges waiting for the carrier's SMS (from a short number or an alphanumeric sender). An
 * incoming SMS is offered here first; the one a waiter takes is the carrier's answer, not a command.
 */
export class CarrierSmsWaiters {
  private readonly waiters = new Set<Waiter>();

  wait(from: string[], ms: number): Promise<string | null> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        from: new Set(from.map(key)),
        resolve: (text) => {
          clearTimeout(waiter.timer);
          this.waiters.delete(waiter);
          resolve(text);
        },
        timer: setTimeout(() => waiter.resolve(null), ms),
      };
      this.waiters.add(waiter);
    });
  }

  /** True when a waiting recharge took this SMS. */
  offer(sender: string, text: string): boolean {
    const k = key(sender);
    for (const waiter of this.waiters) {
      if (waiter.from.has(k)) {
        waiter.resolve(text);
        return true;
      }
    }
    return false;
  }

  cancelAll(): void {
    for (const waiter of [...this.waiters]) waiter.resolve(null);
  }
}
