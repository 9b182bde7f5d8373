import { nowIso, stmt, type Db } from './db.js';
import type { RechargeState } from './recharges.js';

/**
 * A card's state, derived from its recharges (never stored twice): `new` until dialled, then what
 * the carrier made of it. `expired` is a new card past its date.
 */
export type VoucherState = 'new' | 'dialling' | 'used' | 'rejected' | 'unknown' | 'expired';

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
  shop: string | null;
  /** YYYY-MM-DD: the last day the card may be entered. */
  expiresOn: string | null;
}

/** What anyone may see of a card: never the PIN, sealed or not. */
export interface VoucherView {
  id: number;
  carrier: string | null;
  serial: string | null;
  pin: string;
  amountCents: number | null;
  currency: string | null;
  shop: string | null;
  expiresOn: string | null;
  addedAt: string;
  state: VoucherState;
  /** When the carrier took it (state `used`). */
  usedAt: string | null;
}

interface Row {
  id: number;
  carrier: string | null;
  serial: string | null;
  pin_masked: string;
  amount_cents: number | null;
  currency: string | null;
  shop: string | null;
  expires_on: string | null;
  added_at: string;
  recharge_state: RechargeState | null;
  recharge_at: string | null;
}

const STATE_OF: Record<RechargeState, VoucherState | null> = {
  success: 'used',
  rejected: 'rejected',
  'attempts-exceeded': 'rejected',
  dialling: 'dialling',
  unknown: 'unknown',
  // Never reached the carrier (the modem refused, the service was down): still a good card.
  failed: null,
};

export class VoucherStore {
  constructor(private readonly db: Db) {}

  /** Null when the same card (by its keyed hash) is already in the wallet. */
  add(input: VoucherInput): number | null {
    const result = stmt(this.db, `INSERT INTO vouchers (carrier, serial, pin_sealed, pin_hash, pin_masked, amount_cents, currency, shop, expires_on, added_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (pin_hash) DO NOTHING`)
      .run(input.carrier, input.serial, input.pinSealed, input.pinHash, input.pinMasked, input.amountCents, input.currency, input.shop, input.expiresOn, nowIso());
    return result.changes === 0 ? null : Number(result.lastInsertRowid);
  }

  /** Every card with its state as of `today` (YYYY-MM-DD), the soonest to expire first. */
  list(today: string): VoucherView[] {
    const rows = stmt(this.db, `SELECT v.id, v.carrier, v.serial, v.pin_masked, v.amount_cents, v.currency, v.shop, v.expires_on, v.added_at,
        r.state AS recharge_state, COALESCE(r.finished_at, r.started_at) AS recharge_at
      FROM vouchers v
      LEFT JOIN recharges r ON r.id = (SELECT MAX(id) FROM recharges WHERE code_hash = v.pin_hash)
      ORDER BY v.expires_on IS NULL, v.expires_on, v.id`).all() as Row[];
    return rows.map((row) => {
      const dialled = row.recharge_state ? STATE_OF[row.recharge_state] : null;
      const state: VoucherState = dialled ?? (row.expires_on !== null && row.expires_on < today ? 'expired' : 'new');
      return {
        id: row.id, carrier: row.carrier, serial: row.serial, pin: row.pin_masked, amountCents: row.amount_cents, currency: row.currency,
        shop: row.shop, expiresOn: row.expires_on, addedAt: row.added_at, state, usedAt: state === 'used' ? row.recharge_at : null,
      };
    });
  }

  /**
   * Wallet cards dialled since `since` (ISO): each recharge row is committed before its USSD is
   * written, so this counts a dial the moment it happens, and survives a crash. A recharge the
   * modem refused before it left ('failed') reached no carrier and is not counted.
   */
  dialledSince(since: string): number {
    return (stmt(this.db, `SELECT COUNT(*) AS n FROM recharges r JOIN vouchers v ON v.pin_hash = r.code_hash
      WHERE r.started_at >= ? AND r.state != 'failed'`).get(since) as { n: number }).n;
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

  /** A card never dialled may be taken out; one that was stays, as the record of what it did. */
  remove(id: number, today: string): 'removed' | 'not-found' | 'dialled' {
    const card = this.list(today).find((v) => v.id === id);
    if (!card) return 'not-found';
    if (card.state !== 'new' && card.state !== 'expired') return 'dialled';
    stmt(this.db, 'DELETE FROM vouchers WHERE id = ?').run(id);
    return 'removed';
  }
}
