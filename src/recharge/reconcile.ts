import type { CarrierProfile } from '../carriers/profile.js';
import { formatMoney, type Money } from '../carriers/money.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';
import type { RechargeRow } from '../store/recharges.js';
import { checkBalance, type BalanceDialer } from './balance.js';

export type Reconciliation =
  | { kind: 'applied'; row: RechargeRow; before: Money; after: Money }
  | { kind: 'not-applied'; row: RechargeRow; balance: Money }
  | { kind: 'undetermined'; row: RechargeRow; reason: string };

/**
 * Settles recharges whose outcome is unknown by checking the balance — never by dialling the code
 * again. A balance above the last one recorded before the dial means the card went through; an
 * unchanged balance means it did not (the code may then be sent again by a person, not by us).
 * Only the latest recharge of the SIM is judged so: after a later one the balance proves nothing.
 */
export async function reconcileUnknown(
  store: Store,
  dialer: BalanceDialer,
  imsi: string,
  profile: CarrierProfile,
  balanceUssd: string | null,
  logger: Logger,
  line: string | null = null,
): Promise<Reconciliation[]> {
  const rows = store.recharges.unreconciled(imsi);
  if (rows.length === 0) return [];
  if (!balanceUssd && !profile.hasBalanceCheck) {
    return rows.map((row) => ({ kind: 'undetermined', row, reason: 'no balance code is known for this carrier' }));
  }
  const check = await checkBalance(store, dialer, imsi, profile, balanceUssd, 'reconcile', line);
  if (check.kind === 'failed') logger.warn({ reason: check.reason }, 'balance check for reconciliation failed');
  const now: Money | null = check.kind === 'checked' ? check.balance : null;
  const latestId = store.recharges.latestId(imsi);
  return rows.map((row) => {
    if (!now) return { kind: 'undetermined', row, reason: 'the balance could not be read' };
    if (row.id !== latestId) return { kind: 'undetermined', row, reason: 'later recharges changed the balance' };
    const before = store.balances.latestBefore(imsi, row.started_at);
    if (!before || before.balance_cents === null || before.currency !== now.currency) {
      return { kind: 'undetermined', row, reason: 'no balance from before the recharge to compare with' };
    }
    const beforeMoney = { cents: before.balance_cents, currency: before.currency };
    if (now.cents > before.balance_cents) {
      store.recharges.settle(row.id, { state: 'success', answer: `${row.answer ?? ''} | reconciled: balance ${formatMoney(beforeMoney)} → ${formatMoney(now)}`, addedCents: now.cents - before.balance_cents, balanceCents: now.cents, currency: now.currency });
      return { kind: 'applied', row, before: beforeMoney, after: now };
    }
    store.recharges.settle(row.id, { state: 'failed', answer: `${row.answer ?? ''} | reconciled: balance unchanged at ${formatMoney(now)}` });
    return { kind: 'not-applied', row, balance: now };
  });
}
