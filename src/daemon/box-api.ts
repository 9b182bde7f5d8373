import { formatMoney } from '../carriers/money.js';
import type { BoxApi, LineView } from '../http/routes/box.js';
import type { Line } from '../line/line.js';
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

/** At most this many figures (and recharges) in one balance plot: the newest of the window. */
const PLOT_POINTS = 2000;

/** One line as the API and the panel show it: no PIN or password anywhere. */
async function lineView(line: Line, wallet: Wallet): Promise<LineView> {
  const s = await line.status();
  const usable = wallet.ready(line.name);
  return {
    name: line.name,
    state: line.state,
    problems: s.degraded,
    retryAt: line.retryAtIso,
    carrier: s.carrierName,
    carrierId: line.profile?.id ?? null,
    imsi: line.imsi,
    number: line.number,
    notes: line.config.notes,
    network: s.network,
    registration: s.registration,
    signal: s.signal,
    balance: s.balance ? { amount: money(s.balance.cents, s.balance.currency), validUntil: s.balance.validUntil, checkedAt: s.balance.checkedAt } : null,
    pendingOutbox: s.pendingOutbox,
    wallet: { cards: usable.length, value: walletValue(usable) },
    unconfirmed: s.unconfirmed,
  };
}

/** The box as the web panel and the API see it: plain data, no PIN or password in full anywhere (command texts are kept masked). */
export function boxApi(deps: { store: Store; wallet: Wallet; lines: readonly Line[]; startedAt: number; simulated: boolean }): BoxApi {
  const { store, wallet, lines } = deps;
  const views = () => Promise.all(lines.map((line) => lineView(line, wallet)));
  return {
    lines: views,
    lineNames: () => lines.map((line) => line.name),
    async status() {
      const all = await views();
      const first = all[0]!;
      const usable = wallet.ready();
      return {
        // The first line's figures where one line used to be shown; `lines` has each.
        carrier: first.carrier,
        network: first.network,
        registration: first.registration,
        signal: first.signal,
        balance: first.balance,
        pendingOutbox: store.outbox.pendingCount(),
        uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
        problems: all.flatMap((line) => (all.length > 1 ? line.problems.map((problem) => `${line.name}: ${problem}`) : line.problems)),
        wallet: { cards: usable.length, value: walletValue(usable) },
        simulated: deps.simulated,
        lines: all,
      };
    },
    balances(limit, name) {
      const line = name === null ? lines[0] : lines.find((candidate) => candidate.name === name);
      if (!line?.imsi) return [];
      return store.balances.history(line.imsi, limit).map((row) => ({ at: row.checked_at, balance: money(row.balance_cents, row.currency), validUntil: row.valid_until, source: row.source }));
    },
    messages(limit, filter) {
      return messageLog(store, limit, filter);
    },
    balanceHistory(name, days) {
      const line = lines.find((candidate) => candidate.name === name);
      if (!line?.imsi) return null;
      const to = new Date();
      const from = new Date(to.getTime() - days * 86_400_000).toISOString();
      return {
        line: name,
        from,
        to: to.toISOString(),
        points: store.balances.since(line.imsi, from, PLOT_POINTS).map((row) => ({ at: row.checked_at, cents: row.balance_cents, currency: row.currency, validUntil: row.valid_until, source: row.source })),
        recharges: store.recharges.startedSince(line.imsi, from, PLOT_POINTS).map((row) => ({
          at: row.finished_at ?? row.started_at, outcome: row.state, card: row.code_masked, addedCents: row.added_cents, balanceCents: row.balance_cents, currency: row.currency,
        })),
      };
    },
  };
}
