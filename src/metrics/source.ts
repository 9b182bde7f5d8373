import type { Tally } from './tally.js';

/** The box as /metrics shows it, read when it is scraped; null is "not known", never zero. */
export interface BoxReadings {
  /** The SIM's carrier (profile id): the label of everything about the SIM. */
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
  readings(): Promise<BoxReadings>;
  commands: Tally<'channel' | 'outcome'>;
  recharges: Tally<'outcome'>;
  /** How many times the recovery ladder entered each rung. */
  recoveries(): Record<string, number>;
}
