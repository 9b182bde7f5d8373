import { formatDay } from '../../carriers/money.js';
import type { Handler, StatusSnapshot } from '../context.js';

function age(iso: string): string {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)}h`;
  return `${Math.round(minutes / 1440)}d`;
}

function uptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d}d${h}h` : `${h}h${String(m).padStart(2, '0')}m`;
}

/** One SMS of status: signal, network, balance with its age, outbox, uptime, problems first. */
export function formatStatus(s: StatusSnapshot): string {
  const parts: string[] = [];
  if (s.degraded.length) parts.push(`PROBLEM: ${s.degraded.join(', ')}.`);
  parts.push(s.signal?.dbm != null ? `Signal ${s.signal.dbm}dBm ${s.signal.bars}/5.` : 'Signal unknown.');
  const net = s.network ? `${s.network.slice(0, 3)}-${s.network.slice(3)}` : '?';
  parts.push(`${s.carrierName ?? 'Carrier ?'} ${net} ${s.registration ?? ''}`.trimEnd() + '.');
  if (s.balance) {
    const amount = s.balance.cents != null ? `${(s.balance.cents / 100).toFixed(2)} ${s.balance.currency ?? ''}`.trim() : '?';
    const until = s.balance.validUntil ? ` valid to ${formatDay(s.balance.validUntil)}` : '';
    parts.push(`Balance ${amount}${until} (${age(s.balance.checkedAt)} ago).`);
  } else {
    parts.push('Balance unknown.');
  }
  parts.push(`Outbox ${s.pendingOutbox}. Up ${uptime(s.uptimeSeconds)}.`);
  return parts.join(' ');
}

export const stat: Handler = async (_invocation, ctx) => ({ text: formatStatus(await ctx.status()) });
