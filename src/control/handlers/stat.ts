import { formatDay } from '../../carriers/money.js';
import { splitText } from '../../codec/split.js';
import { ok, type Handler, type StatusSnapshot } from '../context.js';
import { age, uptime } from './format.js';

/** One SMS of status: problems first, signal, network, balance with its age, outbox, uptime, version. */
export function formatStatus(s: StatusSnapshot): string {
  const parts: string[] = [];
  if (s.degraded.length) parts.push(`PROBLEM: ${s.degraded.join(', ')}.`);
  parts.push(s.signal?.dbm != null ? `Signal ${s.signal.dbm}dBm ${s.signal.bars}/5.` : 'Signal unknown.');
  const net = s.network ? `${s.network.slice(0, 3)}-${s.network.slice(3)}` : '?';
  parts.push(`${s.carrierName ?? 'Carrier ?'} ${net} ${s.registration ?? ''}`.trimEnd() + '.');
  if (s.unconfirmed.length) parts.push(`Unconfirmed: ${s.unconfirmed.join(', ')}.`);
  if (s.unsettled > 0) parts.push(`To settle: ${s.unsettled}.`);
  if (s.balance) {
    const amount = s.balance.cents != null ? `${(s.balance.cents / 100).toFixed(2)} ${s.balance.currency ?? ''}`.trim() : '?';
    const until = s.balance.validUntil ? ` valid to ${formatDay(s.balance.validUntil)}` : '';
    parts.push(`Balance ${amount}${until} (${age(s.balance.checkedAt)} ago).`);
  } else {
    parts.push('Balance unknown.');
  }
  if (s.walletCards > 0) parts.push(`Wallet ${s.walletCards}.`);
  parts.push(`Outbox ${s.pendingOutbox}. Up ${uptime(s.uptimeSeconds)}.`);
  const status = parts.join(' ');
  // The version goes last, and only while the reply still fits one SMS.
  const withVersion = `${status} v${s.version}.`;
  return splitText(withVersion).parts.length === 1 ? withVersion : status;
}

export const stat: Handler = async (_invocation, ctx) => ok(formatStatus(await ctx.status()));
