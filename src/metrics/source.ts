import type { Tally } from './tally.js';

/** One line as /metrics shows it, read when it is scraped; null is "not known", never zero. */
export interface LineReadings {
  line: string;
  /** The SIM's carrier (profile id), once known. */
  carrier: string | null;
  balance: { amount: number; currency: string } | null;
  /** When the balance (or validity) was read, in Unix seconds. */
  balanceCheckedAt: number | null;
  validityDaysLeft: number | null;
  signalDbm: number | null;
  networkRegistered: boolean;
  modemUp: boolean;
  outboxPending: number;
  walletCardsReady: number;
}

/** What the daemon lends /metrics: readings on demand, and its running counts. */
export interface MetricsSource {
  version: string;
  readings(): Promise<LineReadings[]>;
  commands: Tally<'channel' | 'outcome'>;
  recharges: Tally<'line' | 'outcome'>;
  /** How many times each line's recovery ladder entered each rung. */
  recoveries(): Array<{ line: string; rung: string; count: number }>;
}
