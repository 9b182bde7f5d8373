import { CARD_STATUSES, serialKey, SORT_FIELDS, type CardFilter, type CardOrder, type CardStatus, type SortField } from '../store/cards.js';
import { localDayStart } from '../util/local-day.js';
import { optionalSerial, optionalText, parseAmount, parseDay } from './card-fields.js';
import { WalletError } from './errors.js';

/**
 * The advanced search as people and programs type it: the API's query parameters and the CLI's
 * flags carry the same names. Every field is optional; blank is "any".
 */
export interface RawCardQuery {
  serial?: string | undefined;
  serialFrom?: string | undefined;
  serialTo?: string | undefined;
  pin?: string | undefined;
  /** One status or several, comma-separated: new, activated, expired, rejected, unknown, dialling. */
  status?: string | undefined;
  reseller?: string | undefined;
  carrier?: string | undefined;
  amountFrom?: string | undefined;
  amountTo?: string | undefined;
  expiresFrom?: string | undefined;
  expiresTo?: string | undefined;
  client?: string | undefined;
  activatedFrom?: string | undefined;
  activatedTo?: string | undefined;
}

export interface RawCardPaging {
  sort?: string | undefined;
  order?: string | undefined;
  page?: string | undefined;
  perPage?: string | undefined;
}

export const QUERY_FIELDS = ['serial', 'serialFrom', 'serialTo', 'pin', 'status', 'reseller', 'carrier', 'amountFrom', 'amountTo', 'expiresFrom', 'expiresTo', 'client', 'activatedFrom', 'activatedTo'] as const;
export const PAGING_FIELDS = ['sort', 'order', 'page', 'perPage'] as const;

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 500;

const given = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Checks and normalises a search. The PIN is turned into its keyed hash here and goes no further;
 * activation dates are the box's local days, so "to 30.11.2026" includes all of that day.
 */
export function parseCardFilter(raw: RawCardQuery, hashPin: (pin: string) => string): CardFilter {
  const filter: CardFilter = {};
  const serial = (value: string | undefined) => (given(value) ? serialKey(optionalSerial(value)!) : undefined);
  filter.serial = serial(raw.serial);
  filter.serialFrom = serial(raw.serialFrom);
  filter.serialTo = serial(raw.serialTo);
  if (given(raw.pin)) {
    if (!/^[0-9]{5,20}$/.test(raw.pin.trim())) throw new WalletError('bad-pin', 'a card PIN is 5 to 20 digits');
    filter.pinHash = hashPin(raw.pin.trim());
  }
  if (given(raw.status)) {
    const statuses = raw.status.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
    const unknown = statuses.find((s) => !(CARD_STATUSES as readonly string[]).includes(s));
    if (unknown !== undefined) throw new WalletError('bad-field', `status is one or more of ${CARD_STATUSES.join(', ')} (not "${unknown.slice(0, 20)}")`);
    filter.statuses = statuses as CardStatus[];
  }
  filter.reseller = optionalText(raw.reseller, 'reseller') ?? undefined;
  if (given(raw.carrier)) {
    if (!/^[a-z0-9-]{1,40}$/.test(raw.carrier.trim())) throw new WalletError('bad-field', 'carrier is a carrier profile id such as vivacom');
    filter.carrier = raw.carrier.trim();
  }
  if (given(raw.amountFrom)) filter.amountFrom = parseAmount(raw.amountFrom, 'amount from');
  if (given(raw.amountTo)) filter.amountTo = parseAmount(raw.amountTo, 'amount to');
  if (given(raw.expiresFrom)) filter.expiresFrom = parseDay(raw.expiresFrom, 'expiry from');
  if (given(raw.expiresTo)) filter.expiresTo = parseDay(raw.expiresTo, 'expiry to');
  filter.client = optionalText(raw.client, 'client') ?? undefined;
  if (given(raw.activatedFrom)) filter.activatedFrom = localDayStart(parseDay(raw.activatedFrom, 'activation date from'));
  if (given(raw.activatedTo)) filter.activatedBefore = localDayStart(nextDay(parseDay(raw.activatedTo, 'activation date to')));
  for (const key of Object.keys(filter) as Array<keyof CardFilter>) if (filter[key] === undefined) delete filter[key];
  return filter;
}

/** Sort field and direction (default: the soonest to expire first, the order top-ups dial in), page and page size. */
export function parseCardPaging(raw: RawCardPaging): { order: CardOrder; page: number; perPage: number } {
  const sort = given(raw.sort) ? raw.sort.trim().toLowerCase() : 'expires';
  if (!(SORT_FIELDS as readonly string[]).includes(sort)) throw new WalletError('bad-field', `sort is one of ${SORT_FIELDS.join(', ')}`);
  const order = given(raw.order) ? raw.order.trim().toLowerCase() : 'asc';
  if (order !== 'asc' && order !== 'desc') throw new WalletError('bad-field', 'order is asc or desc');
  const whole = (value: string | undefined, fallback: number, max: number, field: string): number => {
    if (!given(value)) return fallback;
    if (!/^[0-9]{1,7}$/.test(value.trim()) || Number(value) < 1 || Number(value) > max) throw new WalletError('bad-field', `${field} is a whole number from 1 to ${max}`);
    return Number(value);
  };
  return {
    order: { sort: sort as SortField, descending: order === 'desc' },
    page: whole(raw.page, 1, 1_000_000, 'page'),
    perPage: whole(raw.perPage, DEFAULT_PER_PAGE, MAX_PER_PAGE, 'perPage'),
  };
}

/** "Rows 1 – 20 of 143" and "Page 1 of 8", as the billing system's table says it. */
export function pageSummary(page: { from: number; to: number; total: number; page: number; pages: number }): { rows: string; pages: string } {
  return { rows: `Rows ${page.from} – ${page.to} of ${page.total}`, pages: `Page ${page.page} of ${page.pages}` };
}
