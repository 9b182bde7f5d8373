import { nowIso, relaxedWrite, stmt, type Db } from './db.js';

/** The answer recorded on a row a crash interrupted after its code was sent. */
export const INTERRUPTED = 'interrupted before the carrier answered';
/** How the answer column starts when no answer came (the rest says why): nothing the carrier said. */
export const NO_ANSWER = 'no answer: ';
/** The answer recorded on a row a crash interrupted before its code was sent: the card was not used. */
export const RELEASED = 'interrupted before the code was sent; the card was not used';

export type RechargeState = 'dialling' | 'success' | 'rejected' | 'attempts-exceeded' | 'failed' | 'unknown';

export interface RechargeRow {
  id: number;
  /** The line whose SIM it recharged (null in rows older than lines). */
  line: string | null;
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
  /** When AT+CUSD was written; null: the code never left the box. */
  written_at: string | null;
  reconciled_at: string | null;
  settled_by: string | null;
}

export interface RechargeStart {
  line: string;
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

/** What the carrier said in a row's answer, or null when the row records no carrier words. */
export function carrierWords(answer: string | null): string | null {
  if (answer === null || answer === INTERRUPTED || answer === RELEASED || answer.startsWith(NO_ANSWER)) return null;
  return answer;
}

export class RechargeStore {
  constructor(private readonly db: Db) {}

  /**
   * The row as 'dialling' before AT+CUSD is written (rule 2 of DESIGN.md). Committed relaxed: it
   * is made durable by markWritten's synchronous commit right before the bytes go out, so a power
   * cut can only lose a row whose code was never sent.
   */
  begin(start: RechargeStart): number {
    return relaxedWrite(this.db, () => {
      const result = stmt(this.db, "INSERT INTO recharges (line, imsi, carrier, code_hash, code_masked, command_id, requested_by, state, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'dialling', ?)")
        .run(start.line, start.imsi, start.carrier, start.codeHash, start.codeMasked, start.commandId, start.requestedBy, nowIso());
      return Number(result.lastInsertRowid);
    });
  }

  /** Committed synchronously at the moment AT+CUSD is written: from here the code may have reached the carrier. */
  markWritten(id: number): void {
    stmt(this.db, 'UPDATE recharges SET written_at = ? WHERE id = ?').run(nowIso(), id);
  }

  finish(id: number, outcome: RechargeOutcome): void {
    stmt(this.db, 'UPDATE recharges SET state = ?, answer = ?, added_cents = ?, balance_cents = ?, currency = ?, valid_until = ?, finished_at = ? WHERE id = ?')
      .run(outcome.state, outcome.answer, outcome.addedCents ?? null, outcome.balanceCents ?? null, outcome.currency ?? null, outcome.validUntil ?? null, nowIso(), id);
  }

  get(id: number): RechargeRow | undefined {
    return stmt(this.db, 'SELECT * FROM recharges WHERE id = ?').get(id) as RechargeRow | undefined;
  }

  /** The latest dial a command made (a command re-run after a restart finds the one it made before). */
  ofCommand(commandId: number): RechargeRow | undefined {
    return stmt(this.db, 'SELECT * FROM recharges WHERE command_id = ? ORDER BY id DESC LIMIT 1').get(commandId) as RechargeRow | undefined;
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

  /** Recharges whose outcome is unknown and that no balance check has yet tried to settle. */
  unreconciled(imsi: string): RechargeRow[] {
    return stmt(this.db, "SELECT * FROM recharges WHERE imsi = ? AND state = 'unknown' AND reconciled_at IS NULL ORDER BY id").all(imsi) as RechargeRow[];
  }

  /** When the SIM's latest recharge started (ISO), or null. */
  latestStartedAt(imsi: string): string | null {
    return (stmt(this.db, 'SELECT MAX(started_at) AS at FROM recharges WHERE imsi = ?').get(imsi) as { at: string | null }).at;
  }

  /** The id of the SIM's latest recharge. */
  latestId(imsi: string): number | null {
    return (stmt(this.db, 'SELECT MAX(id) AS id FROM recharges WHERE imsi = ?').get(imsi) as { id: number | null }).id;
  }

  /** The SIM's recharges started since `since` (ISO), oldest first: the newest `limit` of them, for the balance plot's marks. */
  startedSince(imsi: string, since: string, limit: number): RechargeRow[] {
    const rows = stmt(this.db, 'SELECT * FROM recharges WHERE imsi = ? AND started_at >= ? ORDER BY started_at DESC, id DESC LIMIT ?').all(imsi, since, limit) as RechargeRow[];
    return rows.reverse();
  }

  /** Every recharge whose outcome is still unknown (newest first): what an operator has to settle. */
  unsettled(): RechargeRow[] {
    return stmt(this.db, "SELECT * FROM recharges WHERE state = 'unknown' ORDER BY id DESC").all() as RechargeRow[];
  }

  /**
   * An operator's word on an unknown outcome: the carrier took the card (used) or not (unused,
   * so it may be dialled again). Only a row still unknown is changed; returns whether it was.
   */
  settleByOperator(id: number, used: boolean, by: string): boolean {
    const note = used ? 'settled by an operator: the card was used' : 'settled by an operator: the card was not used';
    const result = stmt(this.db, `UPDATE recharges SET state = ?, answer = COALESCE(answer || ' | ', '') || ?, settled_by = ?, reconciled_at = ?, finished_at = COALESCE(finished_at, ?)
      WHERE id = ? AND state = 'unknown'`).run(used ? 'success' : 'failed', note, by, nowIso(), nowIso(), id);
    return result.changes === 1;
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

  /**
   * After a crash: a row still 'dialling' whose AT+CUSD was written may or may not have reached the
   * carrier ('unknown', never redialled); one never written did not, and its card is released.
   */
  markInterrupted(): { unknown: RechargeRow[]; released: RechargeRow[] } {
    return this.db.transaction(() => {
      const rows = stmt(this.db, "SELECT * FROM recharges WHERE state = 'dialling'").all() as RechargeRow[];
      const now = nowIso();
      stmt(this.db, "UPDATE recharges SET state = 'unknown', answer = ?, finished_at = ? WHERE state = 'dialling' AND written_at IS NOT NULL").run(INTERRUPTED, now);
      stmt(this.db, "UPDATE recharges SET state = 'failed', answer = ?, finished_at = ?, reconciled_at = ? WHERE state = 'dialling' AND written_at IS NULL").run(RELEASED, now, now);
      return { unknown: rows.filter((r) => r.written_at !== null), released: rows.filter((r) => r.written_at === null) };
    })();
  }
}
