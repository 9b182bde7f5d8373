import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { maskCode, hashCode } from '../recharge/code.js';
import { registerSecret } from '../log/secrets.js';
import { createPrivate, readOrCreateSecret } from '../util/private-files.js';
import { localDay } from '../util/local-day.js';
import { optionalCurrency, optionalSerial, optionalText, parseAmount, parseDay } from '../wallet/card-fields.js';
import { parseCardsCsv } from '../wallet/cards-csv.js';
import { WalletBatchError, WalletError, type LineProblem } from '../wallet/errors.js';
import { nowIso, stmt } from '../store/db.js';
import { Sealer } from '../store/seal.js';

/**
 * Where a card of the operator's list stands: `new` (never handed), `handed` (sent to a box with
 * its request id, no answer yet), then what the box answered — `used` (the carrier took it, or it
 * was used before), `rejected` (the carrier or the box's local check refused it), `unknown` (it
 * may have gone through: never handed again).
 */
export type FleetCardState = 'new' | 'handed' | 'used' | 'rejected' | 'unknown';

export interface FleetCardView {
  id: number;
  serial: string | null;
  /** Masked but its last 4 digits. */
  pin: string;
  amount: string | null;
  currency: string | null;
  reseller: string | null;
  expires: string | null;
  state: FleetCardState;
  box: string | null;
  line: string | null;
  requestId: string | null;
  handedAt: string | null;
  outcome: string | null;
}

/** A card handed to a box: the request id that makes its recharge idempotent, and the PIN itself. */
export interface HandedCard {
  id: number;
  requestId: string;
  box: string;
  line: string | null;
  pin: string;
  masked: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS cards (
    id INTEGER PRIMARY KEY,
    serial TEXT,
    pin_sealed TEXT NOT NULL,
    pin_hash TEXT NOT NULL UNIQUE,
    pin_masked TEXT NOT NULL,
    amount_cents INTEGER,
    currency TEXT,
    reseller TEXT,
    expires_on TEXT,
    added_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'handed', 'used', 'rejected', 'unknown')),
    request_id TEXT UNIQUE,
    box TEXT,
    line TEXT,
    handed_at TEXT,
    outcome TEXT,
    answered_at TEXT
  );
`;

/** What a box's answer to a recharge means for the card: never dialled → back in the list; anything that may have dialled it → never again. */
export function cardStateAfter(answer: Record<string, unknown>): { state: FleetCardState; outcome: string } {
  const outcome = typeof answer.outcome === 'string' ? answer.outcome : typeof answer.error === 'string' ? answer.error : 'no outcome';
  if (answer.ok !== true) return { state: outcome === 'interrupted' ? 'unknown' : 'new', outcome };
  if (outcome === 'success' || outcome === 'already-used') return { state: 'used', outcome };
  if (outcome === 'rejected' || outcome === 'attempts-exceeded' || outcome === 'invalid-code') return { state: 'rejected', outcome };
  // Refused before the dial (credit control off, no recharge service, the attempt lock, the port
  // down before the code was written): the card was not used.
  if (outcome === 'disabled' || outcome === 'unavailable' || outcome === 'locked' || outcome === 'failed') return { state: 'new', outcome };
  return { state: 'unknown', outcome };
}

/**
 * The operator's central list of cards (a billing system's CSV, seed 001), kept on the operator's
 * side in a small SQLite file: PINs sealed under a key file beside it (`<file>.key`, 0600) and as a
 * keyed hash, so the same card is never in the list twice. A card is handed to one box per
 * recharge with a request id committed first, so no card is ever dialled twice across the fleet.
 */
export class FleetCards {
  private readonly sealer: Sealer;

  private constructor(private readonly db: Database.Database, private readonly secret: string) {
    this.sealer = new Sealer(secret, 'fleet card pin');
  }

  static open(file: string): FleetCards {
    createPrivate(file);
    const secret = readOrCreateSecret(path.dirname(file), `${path.basename(file)}.key`).value;
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    return new FleetCards(db, secret);
  }

  /** A CSV of cards, all or none; a bad line (or a card already in the list) is named by its number. */
  importCsv(text: string): number {
    const { rows, problems } = parseCardsCsv(text);
    const found: LineProblem[] = [...problems];
    const checked: Array<{ line: number; values: unknown[] }> = [];
    const seen = new Map<string, number>();
    for (const { line, card } of rows) {
      try {
        const pin = card.pin.replace(/[\s-]/g, '');
        if (!/^[0-9]{5,30}$/.test(pin)) throw new WalletError('bad-pin', 'a PIN is 5 to 30 digits');
        registerSecret(pin);
        const expires = card.expires ? parseDay(card.expires) : null;
        if (expires && expires < localDay()) throw new WalletError('expired', `it expired on ${expires}`);
        const hash = hashCode(this.secret, pin);
        const first = seen.get(hash);
        if (first !== undefined) throw new WalletError('duplicate', `the same PIN as line ${first}`);
        if (stmt(this.db, 'SELECT 1 FROM cards WHERE pin_hash = ?').get(hash)) throw new WalletError('duplicate', `card ${maskCode(pin)} is in the list already`);
        seen.set(hash, line);
        checked.push({
          line,
          values: [optionalSerial(card.serial), this.sealer.seal(pin), hash, maskCode(pin), card.amount ? parseAmount(card.amount) : null, optionalCurrency(card.currency), optionalText(card.reseller, 'reseller'), expires, nowIso()],
        });
      } catch (err) {
        if (!(err instanceof WalletError)) throw err;
        found.push({ line, message: err.message });
      }
    }
    if (found.length) throw new WalletBatchError(found.sort((a, b) => a.line - b.line));
    this.db.transaction(() => {
      for (const { values } of checked) stmt(this.db, 'INSERT INTO cards (serial, pin_sealed, pin_hash, pin_masked, amount_cents, currency, reseller, expires_on, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(...values);
    })();
    return checked.length;
  }

  /**
   * The next card for a box: the first to expire among those never handed and not expired. Its
   * request id is committed before the PIN leaves this file; null when the list has none left.
   */
  take(box: string, line: string | null): HandedCard | null {
    return this.db.transaction(() => {
      const row = stmt(this.db, "SELECT id, pin_sealed, pin_masked FROM cards WHERE state = 'new' AND (expires_on IS NULL OR expires_on >= ?) ORDER BY expires_on IS NULL, expires_on, id LIMIT 1")
        .get(localDay()) as { id: number; pin_sealed: string; pin_masked: string } | undefined;
      if (!row) return null;
      const requestId = `card-${randomUUID()}`;
      stmt(this.db, "UPDATE cards SET state = 'handed', request_id = ?, box = ?, line = ?, handed_at = ?, outcome = NULL, answered_at = NULL WHERE id = ?").run(requestId, box, line, nowIso(), row.id);
      return { id: row.id, requestId, box, line, pin: this.open(row.pin_sealed), masked: row.pin_masked };
    })();
  }

  /** Cards handed to a box that has not answered yet: sent again with the same request id, they run at most once. */
  handed(): HandedCard[] {
    const rows = stmt(this.db, "SELECT id, request_id, box, line, pin_sealed, pin_masked FROM cards WHERE state = 'handed' ORDER BY handed_at").all() as Array<{ id: number; request_id: string; box: string; line: string | null; pin_sealed: string; pin_masked: string }>;
    return rows.map((row) => ({ id: row.id, requestId: row.request_id, box: row.box, line: row.line, pin: this.open(row.pin_sealed), masked: row.pin_masked }));
  }

  /** Records the box's answer for a handed card; a card that was never dialled goes back into the list. */
  answered(requestId: string, answer: Record<string, unknown>): FleetCardState {
    const { state, outcome } = cardStateAfter(answer);
    if (state === 'new') stmt(this.db, "UPDATE cards SET state = 'new', request_id = NULL, box = NULL, line = NULL, handed_at = NULL, outcome = ?, answered_at = ? WHERE request_id = ?").run(outcome, nowIso(), requestId);
    else stmt(this.db, 'UPDATE cards SET state = ?, outcome = ?, answered_at = ? WHERE request_id = ?').run(state, outcome, nowIso(), requestId);
    return state;
  }

  list(): FleetCardView[] {
    const rows = stmt(this.db, 'SELECT * FROM cards ORDER BY id').all() as Array<Record<string, any>>;
    return rows.map((row) => ({
      id: row.id, serial: row.serial, pin: row.pin_masked, amount: row.amount_cents === null ? null : (row.amount_cents / 100).toFixed(2), currency: row.currency,
      reseller: row.reseller, expires: row.expires_on, state: row.state, box: row.box, line: row.line, requestId: row.request_id, handedAt: row.handed_at, outcome: row.outcome,
    }));
  }

  private open(sealed: string): string {
    const pin = this.sealer.open(sealed);
    registerSecret(pin);
    return pin;
  }

  close(): void {
    this.db.close();
  }
}
