import { EventEmitter } from 'node:events';
import type { Money } from '../carriers/money.js';
import type { Channel } from '../store/channel.js';

export type { Channel } from '../store/channel.js';

/**
 * What the box tells whoever listens (the web panel's live view, the MQTT bridge, systemd's status
 * line): typed events from each line and from the daemon, plain data that serialises as JSON.
 * Nothing secret is ever in one: texts have the password hidden and digit runs masked, cards are
 * shown by their last 4 digits.
 */

/**
 * Where a line stands. `starting`: its port is being opened and its modem initialised; `ready`:
 * it answers and has a network; `degraded`: the modem answers but the SIM or the network does not
 * (it clears by itself); `recovering`: the recovery ladder is climbing; `parked`: it could not be
 * brought up (no port, no modem, no SIM, every rung failed) and is tried again later, with backoff,
 * while the other lines carry on; `stopped`: the daemon is stopping.
 */
export type LineState = 'starting' | 'ready' | 'degraded' | 'recovering' | 'parked' | 'stopped';

export interface LineStateEvent {
  line: string;
  state: LineState;
  /** Plain-words problems (`SIM removed`, `no network (searching)`, `modem recovering (reopen)`). */
  problems: string[];
  /** The carrier's profile id, once the SIM is known. */
  carrier: string | null;
  /** For `parked`: when the line is tried again (ISO). */
  retryAt: string | null;
  at: string;
}

/** An SMS a line received and committed (status reports and a phone's own stored messages are not). */
export interface SmsReceivedEvent {
  line: string;
  sender: string;
  /** The text with the password hidden and every run of 5 or more digits masked but its last 4. */
  text: string;
  /** Whether it reads as a command (it has a `*`); one that does not may be forwarded to the Notify group. */
  command: boolean;
  commandId: number | null;
  at: string;
}

/** A command finished: answered (with its reply) or dropped silently (with why). */
export interface CommandAnsweredEvent {
  /** The line it arrived on or was addressed to; null when none was. */
  line: string | null;
  commandId: number;
  channel: Channel;
  sender: string;
  /** The command's name (`CREDIT`, `STAT?`), null when it was dropped before it had one. */
  name: string | null;
  outcome: 'answered' | 'dropped';
  /** Why it was dropped (`wrong-password`, `no-star`, …). */
  reason: string | null;
  reply: string | null;
  /** Where its reply SMS goes, when one was queued. */
  replyTo: string | null;
  at: string;
}

export interface ReplySentEvent {
  line: string;
  outboxId: number;
  commandId: number | null;
  to: string;
  /** The network's message references, one per part. */
  references: number[];
  at: string;
}

/** A reply that did not go out: `retrying` later, given up (`failed`), `uncertain` (never resent), or `refused` by a limit. */
export interface ReplyFailedEvent {
  line: string;
  outboxId: number;
  commandId: number | null;
  to: string;
  fate: 'retrying' | 'failed' | 'uncertain' | 'refused';
  reason: string;
  at: string;
}

/** A status report changed what is known of a reply: delivered, still pending (some parts), or failed with the network's reason. */
export interface ReplyDeliveryEvent {
  line: string;
  outboxId: number;
  commandId: number | null;
  to: string;
  delivery: 'pending' | 'delivered' | 'failed';
  reason: string | null;
  at: string;
}

export interface BalanceRecordedEvent {
  line: string | null;
  imsi: string;
  balance: Money | null;
  validUntil: string | null;
  /** What read it: `schedule`, `query`, `recharge`, `before-recharge`, `reconcile`, … */
  source: string;
  at: string;
}

export interface RechargeFinishedEvent {
  line: string | null;
  /** How it ended: a recharge result's kind (`success`, `rejected`, `no-line`, …). */
  outcome: string;
  /** The code masked to its last 4 digits, when one was dialled or checked. */
  card: string | null;
  /** Who asked: a phone number, `http:<address>`, `form:<address>`, `wallet:<reason>`. */
  requestedBy: string;
  added: Money | null;
  balance: Money | null;
  validUntil: string | null;
  at: string;
}

export interface WalletChangedEvent {
  change: 'added' | 'removed' | 'edited' | 'dialled';
  /** How many cards the change touched. */
  cards: number;
  at: string;
}

/** What a line told its Notify group (a low balance, validity ending, a recharge lock, a wallet top-up): an alert for listeners too. */
export interface NoticeEvent {
  line: string;
  /** As the Notify group got it (no code in full, no password). */
  text: string;
  at: string;
}

export interface BoxEventMap {
  'line-state': [LineStateEvent];
  'sms-received': [SmsReceivedEvent];
  'command-answered': [CommandAnsweredEvent];
  'reply-sent': [ReplySentEvent];
  'reply-failed': [ReplyFailedEvent];
  'reply-delivery': [ReplyDeliveryEvent];
  'balance-recorded': [BalanceRecordedEvent];
  'recharge-finished': [RechargeFinishedEvent];
  'wallet-changed': [WalletChangedEvent];
  notice: [NoticeEvent];
}

export type BoxEventName = keyof BoxEventMap;

/** Any event, tagged with its name: what a listener to all of them (SSE, MQTT) gets. */
export type BoxEvent = { [K in BoxEventName]: { type: K } & BoxEventMap[K][0] }[BoxEventName];

export const BOX_EVENT_NAMES: BoxEventName[] = ['line-state', 'sms-received', 'command-answered', 'reply-sent', 'reply-failed', 'balance-recorded', 'recharge-finished', 'wallet-changed', 'notice'];

/**
 * The box's event bus. A listener that throws is logged and skipped: an event only reports, so the
 * work that raised it (a reply sent, a balance recorded) goes on whatever a listener does.
 */
export class BoxEvents {
  private readonly emitter = new EventEmitter<BoxEventMap>();
  private readonly all = new Set<(event: BoxEvent) => void>();

  constructor(private readonly onListenerError: (err: unknown, name: BoxEventName) => void = () => {}) {
    // The panel's live view holds one listener per open page.
    this.emitter.setMaxListeners(0);
  }

  publish<K extends BoxEventName>(name: K, event: BoxEventMap[K][0]): void {
    for (const listener of this.emitter.listeners(name) as Array<(event: BoxEventMap[K][0]) => void>) this.deliver(name, () => listener(event));
    if (this.all.size === 0) return;
    const tagged = { type: name, ...event } as BoxEvent;
    for (const listener of this.all) this.deliver(name, () => listener(tagged));
  }

  /** Listens to one kind of event; returns the unsubscribe. */
  on<K extends BoxEventName>(name: K, listener: (event: BoxEventMap[K][0]) => void): () => void {
    this.emitter.on(name, listener as never);
    return () => void this.emitter.off(name, listener as never);
  }

  /** Listens to every event, tagged with its name; returns the unsubscribe. */
  onAny(listener: (event: BoxEvent) => void): () => void {
    this.all.add(listener);
    return () => void this.all.delete(listener);
  }

  private deliver(name: BoxEventName, call: () => void): void {
    try {
      call();
    } catch (err) {
      this.onListenerError(err, name);
    }
  }
}

/** The time stamp every event carries. */
export const eventTime = (): string => new Date().toISOString();
