/** Runs tasks one after another (a USSD session, a recharge): each starts when the previous settles. */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  get busy(): boolean {
    return this.waiting > 0;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.waiting += 1;
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      this.waiting -= 1;
    });
    return result;
  }
}
