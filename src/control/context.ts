import type { Registration, SignalQuality } from '../modem/parsers.js';
import type { RechargeRequest } from '../recharge/service.js';
import type { RechargeResult } from '../recharge/result.js';
import type { SettleResult } from '../recharge/settle.js';
import type { Channel } from '../store/channel.js';
import type { PhoneGroup } from '../store/groups.js';
import type { ParsedCommand } from './grammar.js';
import type { Language } from './texts.js';

/** One line's STAT? figures. */
export interface StatusSnapshot {
  /** The line's name. */
  line: string;
  signal: SignalQuality | null;
  registration: Registration | null;
  /** MCC-MNC of the registered network. */
  network: string | null;
  carrierName: string | null;
  balance: { cents: number | null; currency: string | null; validUntil: string | null; checkedAt: string } | null;
  pendingOutbox: number;
  /** Wallet cards not yet used or expired. */
  walletCards: number;
  uptimeSeconds: number;
  /** gsmkeeper's version. */
  version: string;
  /** Plain-words problems: "no SIM", "no network", "modem not answering". */
  degraded: string[];
  /** Facts of the carrier profile nobody confirmed on a real SIM ("14-digit codes"). */
  unconfirmed: string[];
  /** Recharges whose outcome is unknown, waiting for an operator's SETTLE. */
  unsettled: number;
}

export type BalanceReport =
  | { kind: 'fresh'; cents: number | null; currency: string | null; validUntil: string | null }
  | { kind: 'last-known'; cents: number | null; currency: string | null; validUntil: string | null; checkedAt: string; why: string }
  | { kind: 'unknown'; why: string };

export interface CreditControlSettings {
  enabled: boolean;
  lowBalance: number | null;
  validityDays: number | null;
}

/** Settings a command may read and change (kept in SQLite over the config file's defaults). */
export interface SettingsPort {
  /** Whether `given` is the command password. */
  checkPassword(given: string): boolean;
  /** A new command password (PWD): kept as a keyed hash, never as it is. */
  setPassword(next: string): void;
  /** The box's reply language: for a sender who chose none, and for HTTP and MQTT unless a request says. */
  language: Language;
  bulgarianScript: 'latin' | 'cyrillic';
  credit: CreditControlSettings;
  /** The recharge dialogue (a call from a group number, then its coupon by SMS) is on. */
  dialogue: boolean;
  readonly defaultPassword: string;
  readonly currency: string;
  readonly checkSchedule: string;
}

/** The phone groups; numbers are given as typed (0888…) and kept canonical (+359888…). */
export interface GroupsPort {
  add(group: PhoneGroup, number: string): 'added' | 'exists' | 'full';
  remove(group: PhoneGroup, number: string): boolean;
  members(group: PhoneGroup): string[];
}

/** What a command may ask of one line (its SIM, its modem), never the modem itself. */
export interface LinePort {
  readonly name: string;
  recharge(request: RechargeRequest): Promise<RechargeResult>;
  /** Balance now (a USSD balance check or menu), else the last known figures. */
  balance(): Promise<BalanceReport>;
  /** Raw USSD for the Config group; the code is validated before it reaches here. */
  ussd(code: string): Promise<{ status: string; text: string | null }>;
  /** Restarts the modem through the recovery path. */
  restartModem(): Promise<void>;
  /** Clears the voucher attempt lock of the line's SIM; false when no SIM is known. */
  resetRechargeLock(): boolean;
}

/**
 * Why no line was chosen: the one named is not there (`unknown`), is not up (`unavailable`: parked
 * or starting), or the command named none where several could be meant (`unnamed`). The lines
 * there are come with it, so the answer can name them.
 */
export interface LineRefusal {
  reason: 'unknown' | 'unavailable' | 'unnamed';
  wanted: string | null;
  lines: Array<{ name: string; state: string }>;
}

export type LineChoice = { line: LinePort } | { refusal: LineRefusal };

/** Reply languages: a phone's own (LANG by SMS) over the box's. */
export interface LanguagesPort {
  /** The language a sender is answered in: a phone's own choice, else the box's (HTTP and MQTT callers have no own). */
  of(sender: string, channel: Channel): Language;
  /** Keeps a phone's own choice; false for a sender that is no phone (an HTTP or MQTT caller). */
  setFor(sender: string, channel: Channel, lang: Language): boolean;
}

/** What command handlers may use; the daemon provides it. Handlers never see the modem or SQL. */
export interface ControlContext {
  settings: SettingsPort;
  groups: GroupsPort;
  languages: LanguagesPort;
  /**
   * The line a command acts on: the one it names (`ref`: a line's name, its SIM's number or IMSI),
   * else the one it arrived on or was sent to, else the only line. Never another line than meant:
   * anything else is a refusal.
   */
  line(ref: string | null): LineChoice;
  /** STAT?: every line's figures, in the config's order. */
  status(): Promise<StatusSnapshot[]>;
  /** An operator's word on a recharge with an unknown outcome: by its number or its card's last 4 digits. */
  settleRecharge(ref: string, used: boolean, by: string): SettleResult;
  /** Whether this sender may change settings (a Config group number, or a caller the channel authenticated). */
  mayConfigure(sender: string, channel: Channel): boolean;
}

export interface Invocation {
  command: ParsedCommand;
  sender: string;
  channel: Channel;
  commandId: number | null;
  /** The language the reply is in: the request's own, else the sender's, else the box's. */
  language: Language;
}

/** ok: false marks an error reply, which control and config commands send even without PH. */
export type Handler = (invocation: Invocation, ctx: ControlContext) => Promise<{ text: string; ok: boolean }>;

export const ok = (text: string) => ({ text, ok: true });
export const fail = (text: string) => ({ text, ok: false });
