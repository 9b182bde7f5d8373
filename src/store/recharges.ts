import { nowIso, stmt, type Db } from './db.js';

/** The answer recorded on a row a crash interrupted mid-dial. */
export const INTERRUPTED = 'interrupted before the carrier answered';

export type RechargeState = 'dialling' | 'success' | 'rejected' | 'attempts-exceeded' | 'failed' | 'unknown';

export interface RechargeRow {
  id: number;
  imsi: string;
  carrier: string;
  code_hash: string;
  code_masked: string;
  command_id: number | null;
  requested_by: string;
  state: RechargeState;
  answer: string | null;
  added_cents: number | null;
  balance_cents: number | null;
  currency: string | null;
  valid_until: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface RechargeStart {
  imsi: string;
  carrier: string;
  codeHash: string;
  codeMasked: string;
  commandId: number | null;
  requestedBy: string;
}

export interface RechargeOutcome {
  state: Exclude<RechargeState, 'dialling'>;
  answer: string | null;
  addedCents?: number | null;
  balanceCents?: number | null;
  currency?: string | null;
  validUntil?: string | null;
}

export class RechargeStore {
  constructor(private readonly db: Db) {}

  /** Committed as 'dialling' before AT+CUSD is written (rule 2 of DESIGN.md). */
  begin(start: RechargeStart): number {
    const result = stmt(this.db, "INSERT INTO recharges (imsi, carrier, code_hash, code_masked, command_id, requested_by, state, started_at) VALUES (?, ?, ?, ?, ?, ?, 'dialling', ?)")
      .run(start.imsi, start.carrier, start.codeHash, start.codeMasked, start.commandId, start.requestedBy, nowIso());
    return Number(result.lastInsertRowid);
  }

  finish(id: number, outcome: RechargeOutcome): void {
    stmt(this.db, 'UPDATE recharges SET state = ?, answer = ?, added_cents = ?, balance_cents = ?, currency = ?, valid_until = ?, finished_at = ? WHERE id = ?')
      .run(outcome.state, outcome.answer, outcome.addedCents ?? null, outcome.balanceCents ?? null, outcome.currency ?? null, outcome.validUntil ?? null, nowIso(), id);
  }

  get(id: number): RechargeRow | undefined {
    return stmt(this.db, 'SELECT * FROM recharges WHERE id = ?').get(id) as RechargeRow | undefined;
  }

  /** The latest dial of this code that went through or may have: success, in flight, or unknown. */
  blockingUseOf(codeHash: string): RechargeRow | undefined {
    return stmt(this.db, "SELECT * FROM recharges WHERE code_hash = ? AND state IN ('success', 'dialling', 'unknown') ORDER BY id DESC LIMIT 1")
      .get(codeHash) as RechargeRow | undefined;
  }

  /** Carrier rejections of this SIM since `since` (ISO), the input of the attempt budget. */
  rejectionsSince(imsi: string, since: string): number {
    const reset = stmt(this.db, 'SELECT reset_at FROM attempt_resets WHERE imsi = ?').get(imsi) as { reset_at: string } | undefined;
    const from = reset && reset.reset_at > since ? reset.reset_at : since;
    return (stmt(this.db, "SELECT COUNT(*) AS n FROM recharges WHERE imsi = ? AND state = 'rejected' AND started_at > ?").get(imsi, from) as { n: number }).n;
  }

  /** A carrier "maximum attempts" answer after the last reset locks until an operator resets. */
  lockedByCarrier(imsi: string): boolean {
    const reset = stmt(this.db, 'SELECT reset_at FROM attempt_resets WHERE imsi = ?').get(imsi) as { reset_at: string } | undefined;
    const row = stmt(this.db, "SELECT 1 FROM recharges WHERE imsi = ? AND state = 'attempts-exceeded' AND started_at > ? LIMIT 1")
      .get(imsi, reset?.reset_at ?? '') as unknown;
    return row !== undefined;
  }

  resetAttempts(imsi: string): void {
    stmt(this.db, 'INSERT INTO attempt_resets (imsi, reset_at) VALUES (?, ?) ON CONFLICT (imsi) DO UPDATE SET reset_at = excluded.reset_at').run(imsi, nowIso());
  }

  /** Interrupted recharges not yet settled by a balance check. */
  unreconciled(imsi: string): RechargeRow[] {
    return stmt(this.db, "SELECT * FROM recharges WHERE imsi = ? AND state = 'unknown' AND reconciled_at IS NULL AND answer = ? ORDER BY id")
      .all(imsi, INTERRUPTED) as RechargeRow[];
  }

  /** Records what a balance check says about an interrupted recharge. */
  settle(id: number, outcome: RechargeOutcome): void {
    this.db.transaction(() => {
      this.finish(id, outcome);
      stmt(this.db, 'UPDATE recharges SET reconciled_at = ? WHERE id = ?').run(nowIso(), id);
    })();
  }

  markReconcileAttempted(id: number): void {
    stmt(this.db, 'UPDATE recharges SET reconciled_at = ? WHERE id = ?').run(nowIso(), id);
  }

  /** After a crash, rows still 'dialling' may or may not have reached the carrier: 'unknown'. */
  markInterruptedUnknown(): RechargeRow[] {
    const rows = stmt(this.db, "SELECT * FROM recharges WHERE state = 'dialling'").all() as RechargeRow[];
    stmt(this.db, "UPDATE recharges SET state = 'unknown', answer = ?, finished_at = ? WHERE state = 'dialling'").run(INTERRUPTED, nowIso());
    return rows;
  }
}
