import { formatDay } from '../../carriers/money.js';
import { fitsOneSms } from '../../codec/split.js';
import { ok, type Handler, type StatusSnapshot } from '../context.js';
import type { Language } from '../texts.js';
import { inReplyScript } from '../transliterate.js';
import { age, uptime } from './format.js';

/** The words of a STAT? reply, per language; figures, names and units stay as they are. */
interface StatWords {
  problem: string;
  signal: string;
  signalUnknown: string;
  carrierUnknown: string;
  unconfirmed: string;
  toSettle: string;
  balance: string;
  balanceUnknown: string;
  validTo: string;
  ago: (age: string) => string;
  wallet: string;
  outbox: string;
  up: string;
}

const WORDS: Record<Language, StatWords> = {
  en: {
    problem: 'PROBLEM', signal: 'Signal', signalUnknown: 'Signal unknown.', carrierUnknown: 'Carrier ?', unconfirmed: 'Unconfirmed', toSettle: 'To settle',
    balance: 'Balance', balanceUnknown: 'Balance unknown.', validTo: 'valid to', ago: (a) => `${a} ago`, wallet: 'Wallet', outbox: 'Outbox', up: 'Up',
  },
  bg: {
    problem: 'ПРОБЛЕМ', signal: 'Сигнал', signalUnknown: 'Сигнал неизвестен.', carrierUnknown: 'Оператор ?', unconfirmed: 'Непотвърдено', toSettle: 'За уточняване',
    balance: 'Баланс', balanceUnknown: 'Баланс неизвестен.', validTo: 'валиден до', ago: (a) => `преди ${a}`, wallet: 'Карти', outbox: 'Изходящи', up: 'Работи',
  },
};

/** How a STAT? reply is written: its language, and whether a text fits one SMS as it will go out. */
export interface StatStyle {
  lang: Language;
  fits: (text: string) => boolean;
}

const PLAIN: StatStyle = { lang: 'en', fits: fitsOneSms };

/**
 * One SMS of status: problems first, signal, network, balance with its age, outbox, uptime, version.
 * While it would take a second SMS, the version goes, then the unconfirmed carrier facts become
 * their count (`doctor` and the panel name them).
 */
export function formatStatus(s: StatusSnapshot, style: StatStyle = PLAIN): string {
  let text = '';
  for (const named of s.unconfirmed.length ? [true, false] : [true]) {
    const status = statusParts(s, WORDS[style.lang], named).join(' ');
    for (const candidate of [`${status} v${s.version}.`, status]) {
      text = candidate;
      if (style.fits(candidate)) return candidate;
    }
  }
  return text;
}

function statusParts(s: StatusSnapshot, w: StatWords, unconfirmedNamed: boolean): string[] {
  const parts: string[] = [];
  if (s.degraded.length) parts.push(`${w.problem}: ${s.degraded.join(', ')}.`);
  parts.push(s.signal?.dbm != null ? `${w.signal} ${s.signal.dbm}dBm ${s.signal.bars}/5.` : w.signalUnknown);
  const net = s.network ? `${s.network.slice(0, 3)}-${s.network.slice(3)}` : '?';
  parts.push(`${s.carrierName ?? w.carrierUnknown} ${net} ${s.registration ?? ''}`.trimEnd() + '.');
  if (s.unconfirmed.length) parts.push(`${w.unconfirmed}: ${unconfirmedNamed ? s.unconfirmed.join(', ') : s.unconfirmed.length}.`);
  if (s.unsettled > 0) parts.push(`${w.toSettle}: ${s.unsettled}.`);
  if (s.balance) {
    const amount = s.balance.cents != null ? `${(s.balance.cents / 100).toFixed(2)} ${s.balance.currency ?? ''}`.trim() : '?';
    const until = s.balance.validUntil ? ` ${w.validTo} ${formatDay(s.balance.validUntil)}` : '';
    parts.push(`${w.balance} ${amount}${until} (${w.ago(age(s.balance.checkedAt))}).`);
  } else {
    parts.push(w.balanceUnknown);
  }
  if (s.walletCards > 0) parts.push(`${w.wallet} ${s.walletCards}.`);
  parts.push(`${w.outbox} ${s.pendingOutbox}. ${w.up} ${uptime(s.uptimeSeconds)}.`);
  return parts;
}

/** How much of a line a several-line STAT? says, from all of it to the least. */
interface Detail {
  carrier: boolean;
  validity: boolean;
  signal: boolean;
}

function lineSummary(s: StatusSnapshot, detail: Detail, w: StatWords): string {
  const words: string[] = [];
  if (s.degraded.length) words.push(`${w.problem} ${s.degraded.join(', ')}`);
  if (detail.carrier && s.carrierName) words.push(s.carrierName);
  if (detail.signal && s.signal?.dbm != null) words.push(`${s.signal.dbm}dBm`);
  if (s.balance?.cents != null) {
    const until = detail.validity && s.balance.validUntil ? ` to ${formatDay(s.balance.validUntil)}` : '';
    words.push(`${(s.balance.cents / 100).toFixed(2)}${s.balance.currency ?? ''}${until}`);
  } else if (!s.degraded.length) {
    words.push(`${w.balance.toLowerCase()} ?`);
  }
  return `${s.line}: ${words.join(' ')}.`;
}

/**
 * Every line in one SMS: each line's problems, carrier, signal and balance, then what is the box's
 * (what to settle, the outbox, uptime). Details go, least useful first, until it fits: the version,
 * the wallet, carrier names, validity dates, signal.
 */
export function formatLines(lines: StatusSnapshot[], style: StatStyle = PLAIN): string {
  const w = WORDS[style.lang];
  const first = lines[0]!;
  const tail = [
    ...(first.unsettled > 0 ? [`${w.toSettle}: ${first.unsettled}.`] : []),
    `${w.outbox} ${lines.reduce((n, s) => n + s.pendingOutbox, 0)}. ${w.up} ${uptime(first.uptimeSeconds)}.`,
  ].join(' ');
  const wallet = lines.some((s) => s.walletCards > 0) ? ` ${w.wallet} ${lines.map((s) => `${s.line} ${s.walletCards}`).join(', ')}.` : '';
  const details: Detail[] = [
    { carrier: true, validity: true, signal: true },
    { carrier: false, validity: true, signal: true },
    { carrier: false, validity: false, signal: true },
    { carrier: false, validity: false, signal: false },
  ];
  let text = '';
  for (const detail of details) {
    const body = `${lines.map((s) => lineSummary(s, detail, w)).join(' ')} ${tail}`;
    for (const candidate of [`${body}${wallet} v${first.version}.`, `${body}${wallet}`, body]) {
      text = candidate;
      if (style.fits(candidate)) return candidate;
    }
  }
  return text;
}

/**
 * STAT?: one line as the seed device says it; several, each compactly, in one SMS — in the sender's
 * language, fitted to one SMS as it will go out (Bulgarian transliterated to Latin letters unless
 * the owner chose Cyrillic, which halves what one SMS holds).
 */
export const stat: Handler = async ({ language: lang }, ctx) => {
  const lines = await ctx.status();
  const style: StatStyle = { lang, fits: (text) => fitsOneSms(inReplyScript(text, ctx.settings.bulgarianScript)) };
  return ok(lines.length === 1 ? formatStatus(lines[0]!, style) : formatLines(lines, style));
};
