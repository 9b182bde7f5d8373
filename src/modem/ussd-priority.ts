/**
 * Lets a USSD request go before any SMS sent meanwhile: from the exchange's start until AT+CUSD is
 * answered, a send waits; then the line is the outbox's while the carrier answers (the better part
 * of a second, where the SMS would have held the request back).
 */
export class UssdPriority {
  /** A USSD request on its way out: sends wait for it. */
  private requestOut: Promise<void> | null = null;

  /** Runs `exchange`, holding sends back until it calls `requested()` (or ends). */
  async requesting<T>(exchange: (requested: () => void) => Promise<T>): Promise<T> {
    let requested = (): void => {};
    this.requestOut = new Promise<void>((resolve) => (requested = resolve)).finally(() => {
      this.requestOut = null;
    });
    try {
      return await exchange(requested);
    } finally {
      requested();
    }
  }

  /** The USSD request on its way out, if any: a send awaits it (and checks again) before writing. */
  get pending(): Promise<void> | null {
    return this.requestOut;
  }
}
