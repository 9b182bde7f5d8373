import type { Logger } from '../log/logger.js';
import { isModemError } from '../modem/errors.js';
import type { OutboxRow, SendLimit } from '../store/outbox.js';
import type { Store } from '../store/store.js';

export interface SmsSender {
  sendSms(to: string, text: string, reference: number, options: { fromPart: number; onPartSent: (part: number, mr: number, parts: number) => void }): Promise<number[]>;
}

/** What became of one send: it went out (with the network's references), or how it did not. */
export type SendFate =
  | { kind: 'sent'; references: number[] }
  | { kind: 'retrying' | 'failed' | 'uncertain' | 'refused'; reason: string };

export interface OutboxPolicy {
  maxAttempts: number;
  /** Resend a reply the modem may have sent already (a send that got no final result), rather than risk never sending it. */
  atLeastOnce: boolean;
  /** First retry delay; doubles per attempt up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Sends queued replies one at a time. The row is committed 'sending' before the modem is asked, so a
 * crash mid-send is visible afterwards; failures are retried with exponential backoff.
 */
export class OutboxPump {
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly log: Logger;

  constructor(
    /** The line whose replies this pump sends, through that line's modem. */
    private readonly line: string,
    private readonly store: Store,
    private readonly sender: SmsSender,
    private readonly policy: OutboxPolicy,
    /** Null to send; otherwise the limit that says this SMS must never go (daily cap, hourly limit). */
    private readonly refusal: (row: OutboxRow) => SendLimit | null,
    logger: Logger,
    /** Told what became of each send (the box's events). */
    private readonly onFate: (row: OutboxRow, fate: SendFate) => void = () => {},
  ) {
    this.log = logger.child({ channel: 'outbox', line });
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.drain();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        // A turn's wait: the command whose answer queued this reply may have started the next one
        // in the same turn (a recharge's USSD request, which goes before the reply on the line), so
        // the reply goes out while the carrier answers it rather than holding the request back.
        await new Promise((resolve) => setImmediate(resolve));
        if (this.stopped) return;
        for (const row of this.store.outbox.due(this.line)) {
          if (this.stopped) return;
          const refused = this.refusal(row);
          if (refused) {
            this.store.outbox.refuse(row.id, refused);
            this.log.warn({ outbox: row.id, to: row.recipient, refusedBy: refused }, 'reply refused by a limit, not sent');
            this.onFate(row, { kind: 'refused', reason: refused });
            continue;
          }
          this.store.outbox.markSending(row.id);
          try {
            const refs = await this.sender.sendSms(row.recipient, row.text, row.id & 0xff, {
              fromPart: row.parts_sent,
              onPartSent: (_part, mr, parts) => this.store.outbox.markPartSent(row.id, mr, parts),
            });
            this.store.outbox.markSent(row.id);
            this.log.info({ outbox: row.id, to: row.recipient, refs }, 'reply sent');
            this.onFate(row, { kind: 'sent', references: refs });
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            const attempts = row.attempts + 1;
            if (isModemError(err, 'send-uncertain') && !this.policy.atLeastOnce) {
              this.store.outbox.markUncertain(row.id, message);
              this.log.warn({ outbox: row.id, to: row.recipient, err: message }, 'reply may have gone out: marked uncertain, not resent');
              this.onFate(row, { kind: 'uncertain', reason: message });
            } else if (attempts >= this.policy.maxAttempts) {
              this.store.outbox.giveUp(row.id, message);
              this.log.error({ outbox: row.id, to: row.recipient, err: message }, 'reply given up');
              this.onFate(row, { kind: 'failed', reason: message });
            } else {
              const delay = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempts - 1));
              this.store.outbox.retryLater(row.id, message, new Date(Date.now() + delay).toISOString());
              this.log.warn({ outbox: row.id, err: message, retryInMs: delay }, 'reply failed, will retry');
              this.onFate(row, { kind: 'retrying', reason: message });
            }
          }
        }
      } while (this.again && !this.stopped);
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.store.outbox.nextDueAt(this.line);
    if (!next) return;
    const delay = Math.max(0, new Date(next).getTime() - Date.now());
    this.timer = setTimeout(() => this.kick(), Math.min(delay, 2 ** 31 - 1));
    this.timer.unref();
  }
}
