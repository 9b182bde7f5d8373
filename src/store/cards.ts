import { stmt, type Db } from './db.js';

/**
 * A card's status, derived from its recharges (never stored twice): `new` until dialled, then what
 * the carrier made of it; `expired` is a card never dialled that is past its date, which it becomes
 * by itself as the days pass. `dialling` is the moment between the committed recharge row and the
 * carrier's answer.
 */
export type CardStatus = 'new' | 'activated' | 'expired' | 'rejected' | 'unknown' | 'dialling';
export const CARD_STATUSES: readonly CardStatus[] = ['new', 'activated', 'expired', 'rejected', 'unknown', 'dialling'];

/** Statuses of a card that never reached a carrier: the only ones that may be edited or deleted. */
export const UNDIALLED: readonly CardStatus[] = ['new', 'expired'];

/** The last time a card's PIN reached a carrier (or may have): when, asked by whom, on which line. */
export interface CardDial {
  at: string;
  /** The requester the recharge row keeps: a phone number, `http:<address>`, `wallet:<reason>`. */
  by: string;
  line: string | null;
}

/** What anyone may see of a card: never the PIN, sealed or not. */
export interface CardView {
  id: number;
  serial: string | null;
  /** The PIN masked to its last 4 digits. */
  pin: string;
  amountCents: number | null;
  currency: string | null;
  carrier: string | null;
  reseller: string | null;
  expiresOn: string | null;
  createdAt: string;
  status: CardStatus;
  /** When the carrier took it (status `activated`). */
  activatedAt: string | null;
  dial: CardDial | null;
}

/** Every field of the advanced search, already checked and normalised (see wallet/card-query.ts). */
export interface CardFilter {
  ids?: number[] | undefined;
  /** Serial sort keys (serialKey): exact, or from–to inclusive. */
  serial?: string | undefined;
  serialFrom?: string | undefined;
  serialTo?: string | undefined;
  /** The keyed hash of a PIN: the PIN is matched without opening any card. */
  pinHash?: string | undefined;
  statuses?: CardStatus[] | undefined;
  reseller?: string | undefined;
  carrier?: string | undefined;
  amountFrom?: number | undefined;
  amountTo?: number | undefined;
  expiresFrom?: string | undefined;
  expiresTo?: string | undefined;
  /** Part of the requester or the line that dialled the card, any case. */
  client?: string | undefined;
  /** ISO instants: activated at or after, and before. */
  activatedFrom?: string | undefined;
  activatedBefore?: string | undefined;
}

export const SORT_FIELDS = ['serial', 'amount', 'status', 'reseller', 'carrier', 'expires', 'activated', 'created'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface CardOrder {
  sort: SortField;
  descending: boolean;
}

export interface CardPage {
  cards: CardView[];
  total: number;
  page: number;
  perPage: number;
  pages: number;
  /** 1-based positions of the first and last card shown (0 and 0 when none). */
  from: number;
  to: number;
}

const SORT_SQL: Record<SortField, string> = {
  serial: 'serial_key(serial)',
  amount: 'amount_cents',
  status: 'status',
  reseller: 'reseller',
  carrier: 'carrier',
  expires: 'expires_on',
  activated: 'activated_at',
  created: 'id',
};

/**
 * A serial as billing systems print it, `<series>-<number>` (`101-23423423`), made comparable: the
 * number (and a numeric series) zero-padded, so `101-9` sorts before `101-10` and a range from–to
 * means what it says. Anything else sorts by its own text.
 */
export function serialKey(serial: string): string {
  const match = /^(?:([A-Za-z0-9]{1,12})-)?([0-9]{1,20})$/.exec(serial.trim());
  if (!match) return serial.trim().toUpperCase();
  const series = match[1] ?? '';
  return `${/^[0-9]+$/.test(series) ? series.padStart(12, '0') : series.toUpperCase()}-${match[2]!.padStart(20, '0')}`;
}

interface Row {
  id: number;
  serial: string | null;
  pin_masked: string;
  amount_cents: number | null;
  currency: string | null;
  carrier: string | null;
  reseller: string | null;
  expires_on: string | null;
  added_at: string;
  status: CardStatus;
  dial_at: string | null;
  dial_by: string | null;
  dial_line: string | null;
  activated_at: string | null;
}

/**
 * Every card with its status as of @today, as one relation the search filters, sorts and pages in
 * SQL. A card's dial is its latest recharge that reached the carrier (or may have): a recharge the
 * modem refused before it left ('failed') changes nothing.
 */
const CARDS_RELATION = `SELECT v.id, v.serial, v.pin_hash, v.pin_masked, v.amount_cents, v.currency, v.carrier, v.reseller, v.expires_on, v.added_at,
      COALESCE(r.finished_at, r.started_at) AS dial_at, r.requested_by AS dial_by, r.line AS dial_line,
      CASE WHEN r.state = 'success' THEN COALESCE(r.finished_at, r.started_at) END AS activated_at,
      CASE
        WHEN r.state = 'success' THEN 'activated'
        WHEN r.state IN ('rejected', 'attempts-exceeded') THEN 'rejected'
        WHEN r.state IN ('dialling', 'unknown') THEN r.state
        WHEN v.expires_on IS NOT NULL AND v.expires_on < @today THEN 'expired'
        ELSE 'new'
      END AS status
    FROM vouchers v
    LEFT JOIN recharges r ON r.id = (SELECT MAX(id) FROM recharges WHERE code_hash = v.pin_hash AND state != 'failed')`;

/** The advanced search: each field applies only when given (its parameter is not null). */
const WHERE = `
  (@ids IS NULL OR id IN (SELECT value FROM json_each(@ids)))
  AND (@serial IS NULL OR serial_key(serial) = @serial)
  AND (@serialFrom IS NULL OR serial_key(serial) >= @serialFrom)
  AND (@serialTo IS NULL OR serial_key(serial) <= @serialTo)
  AND (@pinHash IS NULL OR pin_hash = @pinHash)
  AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
  AND (@reseller IS NULL OR reseller = @reseller)
  AND (@carrier IS NULL OR carrier = @carrier)
  AND (@amountFrom IS NULL OR amount_cents >= @amountFrom)
  AND (@amountTo IS NULL OR amount_cents <= @amountTo)
  AND (@expiresFrom IS NULL OR expires_on >= @expiresFrom)
  AND (@expiresTo IS NULL OR expires_on <= @expiresTo)
  AND (@client IS NULL OR instr(lower(dial_by), lower(@client)) > 0 OR instr(lower(dial_line), lower(@client)) > 0)
  AND (@activatedFrom IS NULL OR activated_at >= @activatedFrom)
  AND (@activatedBefore IS NULL OR activated_at < @activatedBefore)`;

function parameters(filter: CardFilter, today: string): Record<string, string | number | null> {
  const json = (list: unknown[] | undefined) => (list === undefined ? null : JSON.stringify(list));
  return {
    today,
    ids: json(filter.ids),
    serial: filter.serial ?? null,
    serialFrom: filter.serialFrom ?? null,
    serialTo: filter.serialTo ?? null,
    pinHash: filter.pinHash ?? null,
    statuses: json(filter.statuses),
    reseller: filter.reseller ?? null,
    carrier: filter.carrier ?? null,
    amountFrom: filter.amountFrom ?? null,
    amountTo: filter.amountTo ?? null,
    expiresFrom: filter.expiresFrom ?? null,
    expiresTo: filter.expiresTo ?? null,
    client: filter.client ?? null,
    activatedFrom: filter.activatedFrom ?? null,
    activatedBefore: filter.activatedBefore ?? null,
  };
}

function view(row: Row): CardView {
  return {
    id: row.id, serial: row.serial, pin: row.pin_masked, amountCents: row.amount_cents, currency: row.currency, carrier: row.carrier,
    reseller: row.reseller, expiresOn: row.expires_on, createdAt: row.added_at, status: row.status, activatedAt: row.activated_at,
    dial: row.dial_at !== null ? { at: row.dial_at, by: row.dial_by ?? '', line: row.dial_line } : null,
  };
}

/**
 * The cards as a billing system keeps them: searched by every field, sorted, paged, edited and
 * deleted in bulk — in SQL over the one relation above, so thousands of cards cost one query and a
 * PIN is matched by its keyed hash, never by opening every card.
 */
export class CardStore {
  constructor(private readonly db: Db) {
    db.function('serial_key', { deterministic: true }, (serial: unknown) => (typeof serial === 'string' ? serialKey(serial) : null));
  }

  /** One page of the cards the filter finds, in the order asked (ties by id, so pages never overlap). */
  search(filter: CardFilter, today: string, order: CardOrder, page: number, perPage: number): CardPage {
    const params = parameters(filter, today);
    const total = this.count(params);
    const pages = Math.max(1, Math.ceil(total / perPage));
    const current = Math.min(Math.max(1, page), pages);
    const offset = (current - 1) * perPage;
    const cards = this.ordered(params, order, perPage, offset);
    return { cards, total, page: current, perPage, pages, from: cards.length ? offset + 1 : 0, to: offset + cards.length };
  }

  /** Every card the filter finds, in order. */
  all(filter: CardFilter, today: string, order: CardOrder): CardView[] {
    return this.ordered(parameters(filter, today), order, -1, 0);
  }

  private count(params: Record<string, unknown>): number {
    return (stmt(this.db, `SELECT COUNT(*) AS n FROM (${CARDS_RELATION}) WHERE ${WHERE}`).get(params) as { n: number }).n;
  }

  private ordered(params: Record<string, unknown>, order: CardOrder, limit: number, offset: number): CardView[] {
    const column = SORT_SQL[order.sort];
    const direction = order.descending ? 'DESC' : 'ASC';
    const sql = `SELECT * FROM (${CARDS_RELATION}) WHERE ${WHERE} ORDER BY (${column}) IS NULL, ${column} ${direction}, id ${direction} LIMIT @limit OFFSET @offset`;
    return (stmt(this.db, sql).all({ ...params, limit, offset }) as Row[]).map(view);
  }

  /**
   * Sets the expiry date and/or the reseller of every card the filter finds that was never dialled
   * (`undefined` preserves a field). A dialled card keeps what it had: it is the record of a dial.
   */
  update(filter: CardFilter, today: string, set: { expiresOn?: string | null | undefined; reseller?: string | null | undefined }): { found: number; changed: number } {
    const params = parameters(filter, today);
    return this.db.transaction(() => {
      const found = this.count(params);
      const changed = stmt(this.db, `UPDATE vouchers SET
          expires_on = CASE WHEN @setExpires THEN @expiresOn ELSE expires_on END,
          reseller = CASE WHEN @setReseller THEN @newReseller ELSE reseller END
        WHERE id IN (SELECT id FROM (${CARDS_RELATION}) WHERE ${WHERE} AND status IN ('new', 'expired'))`).run({
        ...params,
        setExpires: set.expiresOn !== undefined ? 1 : 0,
        expiresOn: set.expiresOn ?? null,
        setReseller: set.reseller !== undefined ? 1 : 0,
        newReseller: set.reseller ?? null,
      }).changes;
      return { found, changed };
    })();
  }

  /** Deletes every card the filter finds that was never dialled; dialled cards stay with their history. */
  delete(filter: CardFilter, today: string): { found: number; deleted: number } {
    const params = parameters(filter, today);
    return this.db.transaction(() => {
      const found = this.count(params);
      const deleted = stmt(this.db, `DELETE FROM vouchers WHERE id IN (SELECT id FROM (${CARDS_RELATION}) WHERE ${WHERE} AND status IN ('new', 'expired'))`).run(params).changes;
      return { found, deleted };
    })();
  }

  /** The distinct resellers, for the search's "all resellers" choice. */
  resellers(): string[] {
    return (stmt(this.db, 'SELECT DISTINCT reseller FROM vouchers WHERE reseller IS NOT NULL ORDER BY reseller').all() as Array<{ reseller: string }>).map((r) => r.reseller);
  }
}
