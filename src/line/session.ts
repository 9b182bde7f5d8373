import type { Config } from '../config/schema.js';
import type { LineConfig } from '../config/lines.js';
import { Intake } from './intake.js';
import { OutboxPump, type SendFate } from './outbox-pump.js';
import { sendRefusal } from './send-policy.js';
import type { Logger } from '../log/logger.js';
import type { Modem } from '../modem/modem.js';
import type { CommandRow } from '../store/commands.js';
import type { DeliveryUpdate, OutboxRow } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import { Supervisor } from '../supervisor/supervisor.js';

export interface SessionDeps {
  line: LineConfig;
  box: Config;
  modem: Modem;
  store: Store;
  countryCode: string | null;
  keepAliveMs: number;
  restartWaitMs: number;
  outboxBaseDelayMs: number;
  logger: Logger;
  onCommand: (row: CommandRow) => void;
  onSendFate: (row: OutboxRow, fate: SendFate) => void;
  /** A status report changed a reply's delivery. */
  onDelivery: (update: DeliveryUpdate) => void;
  /** Every rung of the recovery ladder failed. */
  onGaveUp: () => void;
}

/**
 * What runs while a line's modem is up: the intake that moves its SMS into the store, the outbox
 * pump that sends its replies, and the supervisor that keeps the modem answering. A line that is
 * parked has none; each time it comes up it gets a new session over its new modem.
 */
export class LineSession {
  readonly intake: Intake;
  readonly pump: OutboxPump;
  readonly supervisor: Supervisor;

  constructor(private readonly deps: SessionDeps) {
    const { line, box, modem, store, logger } = deps;
    this.intake = new Intake(line.name, modem, store, logger, deps.onCommand, deps.countryCode, deps.onDelivery);
    this.pump = new OutboxPump(
      line.name,
      store,
      modem,
      { maxAttempts: box.outbox.maxAttempts, atLeastOnce: box.outbox.atLeastOnce, baseDelayMs: deps.outboxBaseDelayMs, maxDelayMs: 30 * 60_000 },
      (row) => sendRefusal(store, box.sms, row),
      logger,
      deps.onSendFate,
    );
    this.supervisor = new Supervisor({
      modem,
      afterInit: async () => {
        await this.intake.scan();
        this.pump.kick();
      },
      sweep: async () => {
        if (((await modem.storageStatus())?.used ?? 0) > 0) await this.intake.scan();
      },
      keepAliveMs: deps.keepAliveMs,
      restartWaitMs: deps.restartWaitMs,
      resetHook: line.resetHook,
      exit: () => deps.onGaveUp(),
      logger: logger.child({ line: line.name }),
    });
  }

  /** Collects what waited on the SIM and in the outbox, then starts watching the modem. */
  async begin(): Promise<void> {
    await this.intake.scan();
    this.expireParts();
    this.pump.kick();
    this.supervisor.start();
  }

  expireParts(): void {
    this.intake.expireParts(this.deps.box.sms.multipartTimeoutSeconds * 1000);
  }

  /** Stops sending and watching; the modem is the line's to close. */
  end(): void {
    this.supervisor.stop();
    this.pump.stop();
  }
}

/** A line's current session, if any, and what the recovery ladders of the sessions before it counted. */
export class SessionSlot {
  current: LineSession | null = null;
  private readonly past: Record<string, number> = {};

  /** How many times the recovery ladder entered each rung, over every session of the line. */
  get recoveries(): Record<string, number> {
    const counts: Record<string, number> = { ...this.past };
    for (const [rung, n] of Object.entries(this.current?.supervisor.recoveries ?? {})) counts[rung] = (counts[rung] ?? 0) + n;
    return counts;
  }

  /** Ends the session of the modem that was up, keeping what its supervisor counted. */
  end(): void {
    const session = this.current;
    if (!session) return;
    this.current = null;
    session.end();
    for (const [rung, n] of Object.entries(session.supervisor.recoveries)) this.past[rung] = (this.past[rung] ?? 0) + n;
  }
}
