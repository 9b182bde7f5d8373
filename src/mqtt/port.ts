import type { Money } from '../carriers/money.js';
import type { BalanceReport } from '../control/context.js';
import type { RechargeResult } from '../recharge/result.js';
import type { TopUpOutcome } from '../wallet/wallet.js';

/**
 * What the MQTT bridge needs from the box, and nothing more: its lines as they stand, the events
 * that change them, and the box's abilities on the `mqtt` channel. The daemon provides it through
 * a small adapter; the bridge never reaches into the daemon's services.
 */
export interface BoxPort {
  /** The lines the box has now, by name (`main`, …). */
  lines(): string[];
  /** One line as its retained state shows it. */
  snapshot(line: string): Promise<LineSnapshot>;
  /** Everything that may change a line's state or is worth telling; returns the unsubscribe. */
  subscribe(listener: (event: BoxEvent) => void): () => void;
  /**
   * A command text in the SMS grammar, run on the `mqtt` channel. `trusted`: the broker's ACL
   * stands for the password, so the text may leave out `*<password>` (and any password passes).
   */
  runCommand(line: string, text: string, options: { trusted: boolean; idempotencyKey: string; lang: 'en' | 'bg' | null }): Promise<CommandOutcome>;
  /** A voucher code dialled through the one recharge path (local check, never twice, the attempt budget). */
  recharge(line: string, code: string, requestedBy: string): Promise<RechargeResult>;
  checkBalance(line: string): Promise<BalanceReport>;
  /** Queues an SMS in the line's durable outbox (the daily cap and hourly limits apply); `to` null: its Notify group. */
  sendSms(line: string, to: string | null, text: string): Promise<{ outboxIds: number[] }>;
  /** Dials the line's next wallet card now. */
  topUp(line: string): Promise<TopUpOutcome>;
  /** Restarts the line's modem through its recovery path. */
  restartModem(line: string): Promise<void>;
  /** The box's reply language: the words of an answer to a request that names none. */
  language(): 'en' | 'bg';
}

export interface LineSnapshot {
  line: string;
  /** The SIM's carrier, by name. */
  carrier: string | null;
  /** The modem answers and its supervisor is not climbing the recovery ladder. */
  modemUp: boolean;
  registration: string | null;
  /** MCC-MNC of the registered network. */
  network: string | null;
  signalDbm: number | null;
  balance: { cents: number | null; currency: string | null; validUntil: string | null; checkedAt: string } | null;
  walletCardsReady: number;
  /** Plain words: "no SIM", "no network", "modem restart". */
  problems: string[];
  lastRecharge: { at: string; outcome: string; card: string; amount: string | null } | null;
}

export type CommandOutcome =
  | { kind: 'answered'; name: string; reply: string | null; smsTo: string | null }
  /** Never answered: no `*`, a wrong password, a sender locked out. */
  | { kind: 'dropped'; reason: string };

/**
 * The box's events as the bridge reads them: a structural subset of the daemon's typed events
 * (their names and fields), so the daemon's own event type fits here as it is. `alert` is the
 * bridge's addition: what the Notify group is told (a low balance, validity ending, a recharge
 * lock, a wallet top-up).
 */
export type BoxEvent =
  | { type: 'line-state'; line: string }
  /** `text` as stored: the password hidden, digit runs masked. `command`: it has a `*`. */
  | { type: 'sms-received'; line: string; sender: string; text: string; command: boolean; at: string }
  | { type: 'balance-recorded'; line: string | null; balance: Money | null; validUntil: string | null; source: string; at: string }
  /** `card` masked to its last 4 digits; `outcome` a recharge result's kind. */
  | { type: 'recharge-finished'; line: string | null; outcome: string; card: string | null; added: Money | null; balance: Money | null; validUntil: string | null; at: string }
  | { type: 'wallet-changed' }
  | { type: 'command-answered' | 'reply-sent' | 'reply-failed' | 'reply-delivery' }
  | { type: 'alert'; line: string; text: string; at: string };
