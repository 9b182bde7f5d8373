import { localDay } from '../util/local-day.js';
import type { LineSnapshot } from './port.js';

const DAY_MS = 86_400_000;

/** A line's retained state: what Home Assistant's entities and the fleet read, figures as numbers. */
export interface LineState {
  line: string;
  carrier: string | null;
  /** The balance in the currency's units (7.5), or null when not known. */
  balance: number | null;
  currency: string | null;
  /** YYYY-MM-DD. */
  validUntil: string | null;
  daysLeft: number | null;
  balanceCheckedAt: string | null;
  signalDbm: number | null;
  network: string | null;
  registration: string | null;
  modemUp: boolean;
  walletCardsReady: number;
  problems: string[];
  lastRecharge: LineSnapshot['lastRecharge'];
  /** When this state was published (not part of what counts as a change). */
  at: string;
}

export function lineState(snapshot: LineSnapshot, now = new Date()): LineState {
  const balance = snapshot.balance;
  const validUntil = balance?.validUntil ?? null;
  return {
    line: snapshot.line,
    carrier: snapshot.carrier,
    balance: balance?.cents != null ? balance.cents / 100 : null,
    currency: balance?.currency ?? null,
    validUntil,
    daysLeft: validUntil ? Math.round((Date.parse(validUntil) - Date.parse(localDay(now))) / DAY_MS) : null,
    balanceCheckedAt: balance?.checkedAt ?? null,
    signalDbm: snapshot.signalDbm,
    network: snapshot.network,
    registration: snapshot.registration,
    modemUp: snapshot.modemUp,
    walletCardsReady: snapshot.walletCardsReady,
    problems: snapshot.problems,
    lastRecharge: snapshot.lastRecharge,
    at: now.toISOString(),
  };
}

/** The state as compared for a change: everything but the moment it was taken. */
export function stateKey(state: LineState): string {
  const { at: _at, ...rest } = state;
  return JSON.stringify(rest);
}

