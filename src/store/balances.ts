import { nowIso, stmt, type Db } from './db.js';

export interface BalanceRow {
  id: number;
  /** The line the SIM was in when it was read (null in rows older than lines). */
  line: string | null;
  imsi: string;
  checked_at: string;
  balance_cents: number | null;
  currency: string | null;
  valid_until: string | null;
  source: string;
}

/** Balance history: every figure the carrier gave us, from a recharge answer or a balance check. */
export class BalanceStore {
  private readonly listeners = new Set<(row: BalanceRow) => void>();

  constructor(private readonly db: Db) {}

  record(imsi: string, balanceCents: number | null, currency: string | null, validUntil: string | null, source: string, line: string | null = null): void {
    const checkedAt = nowIso();
    const result = stmt(this.db, 'INSERT INTO balances (line, imsi, checked_at, balance_cents, currency, valid_until, source) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(line, imsi, checkedAt, balanceCents, currency, validUntil, source);
    const row: BalanceRow = { id: Number(result.lastInsertRowid), line, imsi, checked_at: checkedAt, balance_cents: balanceCents, currency, valid_until: validUntil, source };
    for (const listener of this.listeners) {
      try {
        listener(row);
      } catch {
        // A listener only reports; the figure is recorded whatever it does.
      }
    }
  }

  /** Called after every recorded figure (systemd's status line and the box's events follow it); returns the unsubscribe. */
  onRecorded(listener: (row: BalanceRow) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  latestBefore(imsi: string, before: string): BalanceRow | undefined {
    return stmt(this.db, 'SELECT * FROM balances WHERE imsi = ? AND checked_at < ? ORDER BY id DESC LIMIT 1').get(imsi, before) as BalanceRow | undefined;
  }

  latest(imsi: string): BalanceRow | undefined {
    return stmt(this.db, 'SELECT * FROM balances WHERE imsi = ? ORDER BY id DESC LIMIT 1').get(imsi) as BalanceRow | undefined;
  }

  /** The figures read since `since` (ISO), oldest first: the newest `limit` of them, for the balance plot. */
  since(imsi: string, since: string, limit: number): BalanceRow[] {
    const rows = stmt(this.db, 'SELECT * FROM balances WHERE imsi = ? AND checked_at >= ? ORDER BY checked_at DESC, id DESC LIMIT ?').all(imsi, since, limit) as BalanceRow[];
    return rows.reverse();
  }

  /** The newest figures first, for the panel's balance history. */
  history(imsi: string, limit: number): BalanceRow[] {
    return stmt(this.db, 'SELECT * FROM balances WHERE imsi = ? ORDER BY id DESC LIMIT ?').all(imsi, limit) as BalanceRow[];
  }
}
