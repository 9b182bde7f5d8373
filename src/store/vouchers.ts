import { nowIso, stmt, type Db } from './db.js';
import type { RechargeState } from './recharges.js';

/** A recharge state that means the PIN reached the carrier, or may have. */
export type DialState = Exclude<RechargeState, 'failed'>;

export interface VoucherInput {
  carrier: string | null;
  serial: string | null;
  pinSealed: string;
  pinHash: string;
  pinMasked: string;
  amountCents: number | null;
  currency: string | null;
  reseller: string | null;
  /** YYYY-MM-DD: the last day the card may be entered. */
  expiresOn: string | null;
}

/**
 * The wallet's cards as rows: what goes in, and what the wallet needs back to dial one. Reading
 * them with their status (search, paging, mass edit) is the CardStore's.
 */
export class VoucherStore {
  constructor(private readonly db: Db) {}

  /** Null when the same card (by its keyed hash) is already in the wallet. */
  add(input: VoucherInput): number | null {
    const result = stmt(this.db, `INSERT INTO vouchers (carrier, serial, pin_sealed, pin_hash, pin_masked, amount_cents, currency, reseller, expires_on, added_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (pin_hash) DO NOTHING`)
      .run(input.carrier, input.serial, input.pinSealed, input.pinHash, input.pinMasked, input.amountCents, input.currency, input.reseller, input.expiresOn, nowIso());
    return result.changes === 0 ? null : Number(result.lastInsertRowid);
  }

  /** Every card or none: the ids in order, or null (and nothing kept) when one is already in the wallet. */
  addAll(inputs: VoucherInput[]): number[] | null {
    const rollback = new Error('duplicate');
    try {
      return this.db.transaction(() =>
        inputs.map((input) => {
          const id = this.add(input);
          if (id === null) throw rollback;
          return id;
        }),
      )();
    } catch (err) {
      if (err === rollback) return null;
      throw err;
    }
  }

  /** Whether a card with this PIN (by its keyed hash) is in the wallet. */
  holds(pinHash: string): boolean {
    return stmt(this.db, 'SELECT 1 FROM vouchers WHERE pin_hash = ?').get(pinHash) !== undefined;
  }

  /**
   * Wallet cards dialled since `since` (ISO), on one line or any: each recharge row is committed before its USSD is
   * written, so this counts a dial the moment it happens, and survives a crash. A recharge the
   * modem refused before it left ('failed') reached no carrier and is not counted.
   */
  dialledSince(since: string, line: string | null = null): number {
    return (stmt(this.db, `SELECT COUNT(*) AS n FROM recharges r JOIN vouchers v ON v.pin_hash = r.code_hash
      WHERE r.started_at >= ? AND r.state != 'failed' AND (? IS NULL OR r.line = ?)`).get(since, line, line) as { n: number }).n;
  }

  /** The last time a PIN (by its keyed hash) reached a carrier, or may have: what the card became. */
  lastDialOf(pinHash: string): { state: DialState; at: string } | undefined {
    return stmt(this.db, `SELECT state, COALESCE(finished_at, started_at) AS at FROM recharges WHERE code_hash = ? AND state != 'failed' ORDER BY id DESC LIMIT 1`)
      .get(pinHash) as { state: DialState; at: string } | undefined;
  }

  /** The sealed PIN of one card, for the wallet to dial it. */
  sealedPin(id: number): string | undefined {
    return (stmt(this.db, 'SELECT pin_sealed FROM vouchers WHERE id = ?').get(id) as { pin_sealed: string } | undefined)?.pin_sealed;
  }
}
