import type { Registration, SignalQuality } from '../modem/parsers.js';
import type { RechargeRequest } from '../recharge/service.js';
import type { RechargeResult } from '../recharge/result.js';
import type { ParsedCommand } from './grammar.js';
import type { Language } from './texts.js';

export interface StatusSnapshot {
  signal: SignalQuality | null;
  registration: Registration | null;
  /** MCC-MNC of the registered network. */
  network: string | null;
  carrierName: string | null;
  balance: { cents: number | null; currency: string | null; validUntil: string | null; checkedAt: string } | null;
  pendingOutbox: number;
  uptimeSeconds: number;
  /** Plain-words problems: "no SIM", "no network", "modem not answering". */
  degraded: string[];
}

/** What command handlers may use; the daemon provides it. Handlers never see the modem or SQL. */
export interface ControlContext {
  password(): string;
  language(): Language;
  recharge(request: RechargeRequest): Promise<RechargeResult>;
  status(): Promise<StatusSnapshot>;
  /** Clears the voucher attempt lock of the SIM in the modem; false when no SIM is known. */
  resetRechargeLock(): boolean;
  /** Whether this SMS sender is in the Config group (HTTP callers hold the token and count as such). */
  isConfigSender(sender: string, source: 'sms' | 'http'): boolean;
}

export interface Invocation {
  command: ParsedCommand;
  sender: string;
  source: 'sms' | 'http';
  commandId: number | null;
}

/** null text: the command succeeded and this kind of command stays silent. */
export type Handler = (invocation: Invocation, ctx: ControlContext) => Promise<{ text: string | null }>;
