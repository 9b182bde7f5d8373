import { formatDay } from '../../carriers/money.js';
import { splitText } from '../../codec/split.js';
import { ok, type Handler, type StatusSnapshot } from '../context.js';
import { age, uptime } from './format.js';

const fitsOneSms = (text: string): boolean => splitText(text).parts.length === 1;

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
  return fitsOneSms(withVersion) ? withVersion : status;
}

/** How much of a line a several-line STAT? says, from all of it to the least. */
interface Detail {
  carrier: boolean;
  validity: boolean;
  signal: boolean;
}

function lineSummary(s: StatusSnapshot, detail: Detail): string {
  const words: string[] = [];
  if (s.degraded.length) words.push(`PROBLEM ${s.degraded.join(', ')}`);
  if (detail.carrier && s.carrierName) words.push(s.carrierName);
  if (detail.signal && s.signal?.dbm != null) words.push(`${s.signal.dbm}dBm`);
  if (s.balance?.cents != null) {
    const until = detail.validity && s.balance.validUntil ? ` to ${formatDay(s.balance.validUntil)}` : '';
    words.push(`${(s.balance.cents / 100).toFixed(2)}${s.balance.currency ?? ''}${until}`);
  } else if (!s.degraded.length) {
    words.push('balance ?');
  }
  return `${s.line}: ${words.join(' ')}.`;
}

/**
 * Every line in one SMS: each line's problems, carrier, signal and balance, then what is the box's
 * (what to settle, the outbox, uptime). Details go, least useful first, until it fits: the version,
 * the wallet, carrier names, validity dates, signal.
 */
export function formatLines(lines: StatusSnapshot[]): string {
  const first = lines[0]!;
  const tail = [
    ...(first.unsettled > 0 ? [`To settle: ${first.unsettled}.`] : []),
    `Outbox ${lines.reduce((n, s) => n + s.pendingOutbox, 0)}. Up ${uptime(first.uptimeSeconds)}.`,
  ].join(' ');
  const wallet = lines.some((s) => s.walletCards > 0) ? ` Wallet ${lines.map((s) => `${s.line} ${s.walletCards}`).join(', ')}.` : '';
  const details: Detail[] = [
    { carrier: true, validity: true, signal: true },
    { carrier: false, validity: true, signal: true },
    { carrier: false, validity: false, signal: true },
    { carrier: false, validity: false, signal: false },
  ];
  let text = '';
  for (const detail of details) {
    const body = `${lines.map((s) => lineSummary(s, detail)).join(' ')} ${tail}`;
    for (const candidate of [`${body}${wallet} v${first.version}.`, `${body}${wallet}`, body]) {
      text = candidate;
      if (fitsOneSms(candidate)) return candidate;
    }
  }
  return text;
}

/** STAT?: one line as the seed device says it; several, each compactly, in one SMS. */
export const stat: Handler = async (_invocation, ctx) => {
  const lines = await ctx.status();
  return ok(lines.length === 1 ? formatStatus(lines[0]!) : formatLines(lines));
};
