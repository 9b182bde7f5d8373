import type { CarrierProfile } from '../carriers/profile.js';
import type { BalanceReport } from '../control/context.js';
import type { BalanceCheck } from '../recharge/balance.js';
import type { Store } from '../store/store.js';

/** A balance read older than this is stale: the box then reads it now rather than at the schedule. */
const BALANCE_STALE_MS = 86_400_000;

/**
 * CREDIT?'s answer for a line's SIM: the balance read now when the modem is up, else the last
 * figures the store knows, with why they are not fresh.
 */
export async function balanceReport(
  store: Store,
  sim: { imsi: string | null; profile: CarrierProfile | null },
  /** Reads the balance now; null while the line has no modem (its state says why). */
  readNow: (() => Promise<BalanceCheck>) | null,
  lineState: string,
): Promise<BalanceReport> {
  const { imsi, profile } = sim;
  if (!imsi || !profile) return { kind: 'unknown', why: 'no SIM' };
  const check = readNow ? await readNow() : { kind: 'failed' as const, reason: `the line is ${lineState}` };
  if (check.kind === 'checked') return { kind: 'fresh', cents: check.balance?.cents ?? null, currency: check.balance?.currency ?? null, validUntil: check.validUntil };
  const why = check.kind === 'no-method' ? `no balance code for ${profile.name}` : check.kind === 'failed' ? 'balance check failed' : 'the answer was not understood';
  const last = store.balances.latest(imsi);
  if (!last) return { kind: 'unknown', why };
  return { kind: 'last-known', cents: last.balance_cents, currency: last.currency, validUntil: last.valid_until, checkedAt: last.checked_at, why };
}

/** Whether the store knows no balance read of this SIM within a day. */
export function balanceStale(store: Store, imsi: string | null): boolean {
  const known = imsi ? store.balances.latest(imsi) : undefined;
  return !known || Date.now() - Date.parse(known.checked_at) > BALANCE_STALE_MS;
}
