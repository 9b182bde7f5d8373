import { randomInt } from 'node:crypto';
import { stringifyCsv } from '../util/csv.js';
import { byCodeUnits } from '../util/order.js';
import type { SimVoucher } from './state.js';

/**
 * A batch of top-up cards as a billing system generates them (seed 001): the amount each carries,
 * how many, the series that prefixes their serials, the PIN length (at least 5 digits), the
 * reseller that owns them and the day they expire.
 */
export interface SeriesInput {
  amountCents: number;
  quantity: number;
  /** Series prefix of the serial, e.g. "101" → 101-000001. */
  series: string;
  pinLength: number;
  expiresOn: string;
  reseller?: string | null;
}

export const MAX_BATCH = 10_000;

/** A batch the issuer refuses: the message says what to change. */
export class CardIssueError extends Error {
  override readonly name = 'CardIssueError';
}

function check(input: SeriesInput, existing: SimVoucher[]): void {
  if (!Number.isInteger(input.pinLength) || input.pinLength < 5 || input.pinLength > 20) throw new CardIssueError('a voucher PIN has at least 5 digits (and at most 20)');
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_BATCH) throw new CardIssueError(`quantity is 1 to ${MAX_BATCH}`);
  if (!Number.isInteger(input.amountCents) || input.amountCents < 1 || input.amountCents > 100_000_00) throw new CardIssueError('amount is more than 0 and at most 100000.00');
  if (!/^[A-Za-z0-9]{1,12}$/.test(input.series)) throw new CardIssueError('series is 1 to 12 letters or digits, e.g. 101');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.expiresOn) || Number.isNaN(Date.parse(`${input.expiresOn}T00:00:00Z`))) throw new CardIssueError('the expiry date is YYYY-MM-DD');
  if (input.reseller != null && !/^[\p{L}\p{N} .,:;'()\-+/#&_]{1,80}$/u.test(input.reseller)) throw new CardIssueError('reseller is up to 80 letters, digits and punctuation');
  // PINs are drawn at random and never repeat: leave most of the space free so drawing stays quick.
  const space = 9 * 10 ** (input.pinLength - 1);
  const taken = existing.filter((v) => v.pin.length === input.pinLength).length;
  if (taken + input.quantity > space / 2) throw new CardIssueError(`too many ${input.pinLength}-digit PINs: choose a longer PIN`);
}

/** New cards in a series, numbered on from the series' last, each with a PIN no other card has. */
export function issueCards(existing: SimVoucher[], input: SeriesInput, currency: string, now: Date): SimVoucher[] {
  check(input, existing);
  const pins = new Set(existing.map((v) => v.pin));
  const inSeries = existing.filter((v) => v.serial.startsWith(`${input.series}-`)).length;
  const created: SimVoucher[] = [];
  for (let i = 0; i < input.quantity; i++) {
    let pin: string;
    do {
      pin = String(randomInt(1, 10)) + Array.from({ length: input.pinLength - 1 }, () => randomInt(0, 10)).join('');
    } while (pins.has(pin));
    pins.add(pin);
    created.push({
      serial: `${input.series}-${String(inSeries + i + 1).padStart(6, '0')}`,
      pin,
      amountCents: input.amountCents,
      currency,
      status: 'new',
      expiresOn: input.expiresOn,
      activatedAt: null,
      createdAt: now.toISOString(),
      reseller: input.reseller ?? null,
    });
  }
  return created;
}

/** A card past its day that was never used turns expired by itself. */
export function expireCards(cards: SimVoucher[], today: string): void {
  for (const card of cards) if (card.status === 'new' && card.expiresOn < today) card.status = 'expired';
}

export interface CardListQuery {
  series?: string | undefined;
  status?: SimVoucher['status'] | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
}

export interface CardList<T extends SimVoucher = SimVoucher> {
  cards: T[];
  total: number;
  page: number;
  pages: number;
  from: number;
  to: number;
}

/** A table's cards, newest first, filtered and paged as the billing system shows them. */
function pageOf<T extends SimVoucher>(newestFirst: T[], query: CardListQuery): CardList<T> {
  const found = newestFirst.filter((c) => (!query.series || c.serial.startsWith(`${query.series}-`)) && (!query.status || c.status === query.status));
  const perPage = Math.min(Math.max(query.perPage ?? 20, 1), 1000);
  const pages = Math.max(1, Math.ceil(found.length / perPage));
  const page = Math.min(Math.max(query.page ?? 1, 1), pages);
  const shown = found.slice((page - 1) * perPage, page * perPage);
  return { cards: shown, total: found.length, page, pages, from: shown.length ? (page - 1) * perPage + 1 : 0, to: (page - 1) * perPage + shown.length };
}

/** The issuer's table: newest first, as the billing system lists them, filtered and paged. */
export function listCards(cards: SimVoucher[], query: CardListQuery): CardList {
  return pageOf([...cards].reverse(), query);
}

/**
 * A card with who issued it: the simulated line whose carrier it is (null for a lone simulator,
 * which names no line) and that carrier's profile id, which the wallet files it under.
 */
export interface IssuedCard extends SimVoucher {
  line: string | null;
  carrier: string;
}

/** One issuer's cards (in the order it issued them), each marked with its line and carrier. */
export function issuedBy(cards: readonly SimVoucher[], line: string | null, carrier: string): IssuedCard[] {
  return cards.map((card) => ({ ...card, line, carrier }));
}

/**
 * Several simulated lines' cards as one table: newest first by when each was made (cards made in
 * the same instant keep the lines' order, then each issuer's own), filtered and paged.
 */
export function listIssuedCards(issuers: ReadonlyArray<{ line: string | null; carrier: string; cards: readonly SimVoucher[] }>, query: CardListQuery): CardList<IssuedCard> {
  const all = issuers.flatMap(({ line, carrier, cards }) => issuedBy(cards, line, carrier).reverse());
  return pageOf(all.sort((a, b) => byCodeUnits(b.createdAt, a.createdAt)), query);
}

/** Cards as the wallet imports them (serial, pin, amount, currency, reseller, expiry, carrier), each with its own carrier. */
export function cardsForWallet(cards: readonly IssuedCard[]): string {
  const rows = cards.map((c) => [c.serial, c.pin, (c.amountCents / 100).toFixed(2), c.currency, c.reseller ?? '', c.expiresOn, c.carrier]);
  return stringifyCsv([['serial', 'pin', 'amount', 'currency', 'reseller', 'expiry', 'carrier'], ...rows]);
}
