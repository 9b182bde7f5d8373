import { formatMoney } from '../carriers/money.js';
import type { ControlContext } from '../control/context.js';
import type { BoxApi } from '../http/routes/box.js';
import type { Store } from '../store/store.js';
import type { Wallet } from '../wallet/wallet.js';
import { messageLog } from './reply-fate.js';

const money = (cents: number | null, currency: string | null): string | null => (cents === null ? null : formatMoney({ cents, currency: currency ?? '' }).trim());

/** What the ready cards are worth, per currency: "15.00 EUR", or "10.00 EUR + 5.00 BGN". */
function walletValue(cards: Array<{ amountCents: number | null; currency: string | null }>): string {
  const sums = new Map<string, number>();
  for (const card of cards) if (card.amountCents !== null) sums.set(card.currency ?? '', (sums.get(card.currency ?? '') ?? 0) + card.amountCents);
  return [...sums].map(([currency, cents]) => money(cents, currency)).join(' + ') || 'amounts not given';
}

/** The box as the web panel sees it: plain data, no PIN or password in full anywhere (command texts are kept masked). */
export function boxApi(deps: { store: Store; ctx: ControlContext; wallet: Wallet; imsi: () => string | null; simulated: boolean }): BoxApi {
  const { store, ctx, wallet } = deps;
  return {
    async status() {
      const s = await ctx.status();
      const usable = wallet.ready();
      return {
        carrier: s.carrierName,
        network: s.network,
        registration: s.registration,
        signal: s.signal,
        balance: s.balance ? { amount: money(s.balance.cents, s.balance.currency), validUntil: s.balance.validUntil, checkedAt: s.balance.checkedAt } : null,
        pendingOutbox: s.pendingOutbox,
        uptimeSeconds: s.uptimeSeconds,
        problems: s.degraded,
        wallet: { cards: usable.length, value: walletValue(usable) },
        simulated: deps.simulated,
      };
    },
    balances(limit) {
      const imsi = deps.imsi();
      if (!imsi) return [];
      return store.balances.history(imsi, limit).map((row) => ({ at: row.checked_at, balance: money(row.balance_cents, row.currency), validUntil: row.valid_until, source: row.source }));
    },
    messages(limit) {
      return messageLog(store, limit);
    },
  };
}
