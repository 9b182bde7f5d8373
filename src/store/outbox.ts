import { nowIso, relaxedWrite, stmt, type Db } from './db.js';
import { canonicalNumber } from '../codec/address.js';

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain';

/** A limit that keeps a reply from going out at all: the daily SMS cap, or the hourly limit for numbers in no group. */
export type SendLimit = 'daily-cap' | 'non-group-hourly';

/** What the network's status reports say of a reply: still trying, every part delivered, or given up. */
export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** A status report as the store needs it (TS 23.040 §9.2.2.3): which SMS (recipient, TP-MR), and its fate. */
export interface DeliveryReport {
  recipient: string;
  reference: number;
  delivery: DeliveryState;
  /** The report's TP-ST in words: kept as the reason when the reply could not be delivered. */
  statusText?: string;
}

/** A reply a status report changed: which, and where its delivery now stands. */
export interface DeliveryUpdate {
  outboxId: number;
  commandId: number | null;
  recipient: string;
  delivery: DeliveryState;
  /** Why it was not delivered (the report's status in words), when it failed. */
  reason: string | null;
}

/** Reports older than this are not matched: message references (0–255) come round again. */
const REPORT_WINDOW_MS = 7 * 86_400_000;

export interface OutboxRow {
  id: number;
  /** The line it goes out on. */
  line: string;
  command_id: number | null;
  recipient: string;
  /** The recipient in canonical form (`+` and the country code), for the limits and status reports. */
  recipient_key: string;
  text: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  message_refs: string | null;
  created_at: string;
  sent_at: string | null;
  /** 1 for an SMS that was not a command, forwarded to the Notify group. */
  forwarded: number;
  /** Parts of a long reply the network already took. */
  parts_sent: number;
  /** How many parts the modem split the reply into; null until its first part went out. */
  parts_total: number | null;
  /** Set when a limit refused the reply before any attempt (state 'failed'). */
  refused_by: SendLimit | null;
  /** From the status reports, when any came. */
  delivery: DeliveryState | null;
  delivered_refs: string | null;
  delivery_at: string | null;
}

/** Durable reply queue: every attempt is recorded with the modem's reference or its error. */
export class OutboxStore {
  constructor(private readonly db: Db) {}

  /**
   * Queues an SMS to go out on `line`; a national recipient number is read with the line's country
   * calling code, so the limits and status reports know it in any form.
   */
  enqueue(sms: { line: string; recipient: string; text: string; countryCode: string | null; commandId?: number | null; forwarded?: boolean }): number {
    const now = nowIso();
    const result = stmt(this.db, "INSERT INTO outbox (line, command_id, recipient, recipient_key, text, state, next_attempt_at, created_at, forwarded) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)")
      .run(sms.line, sms.commandId ?? null, sms.recipient, canonicalNumber(sms.recipient, sms.countryCode), sms.text, now, now, sms.forwarded ? 1 : 0);
    return Number(result.lastInsertRowid);
  }

  /** SMS that left (or may have left) on a line since `since`: what its daily cap counts. */
  sentSince(since: string, line: string): number {
    return (stmt(this.db, "SELECT COUNT(*) AS n FROM outbox WHERE line = ? AND state IN ('sent', 'uncertain') AND sent_at > ?").get(line, since) as { n: number }).n;
  }

  sentToSince(recipientKey: string, since: string): number {
    return (stmt(this.db, "SELECT COUNT(*) AS n FROM outbox WHERE recipient_key = ? AND state IN ('sent', 'uncertain') AND sent_at > ?").get(recipientKey, since) as { n: number }).n;
  }

  /** What a line has to send now, oldest first. */
  due(line: string, now = nowIso(), limit = 20): OutboxRow[] {
    return stmt(this.db, "SELECT * FROM outbox WHERE line = ? AND state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?").all(line, now, limit) as OutboxRow[];
  }

  nextDueAt(line: string): string | null {
    const row = stmt(this.db, "SELECT MIN(next_attempt_at) AS at FROM outbox WHERE line = ? AND state = 'pending'").get(line) as { at: string | null };
    return row.at;
  }

  /**
   * Committed before the bytes go to the modem, with the attempt's own row: a crash after this
   * leaves the reply 'sending' and the attempt unfinished.
   */
  markSending(id: number): void {
    const now = nowIso();
    this.db.transaction(() => {
      // sent_at is the attempt time until markSent: an 'uncertain' row still counts against the caps.
      stmt(this.db, "UPDATE outbox SET state = 'sending', attempts = attempts + 1, sent_at = ? WHERE id = ?").run(now, id);
      stmt(this.db, 'INSERT INTO outbox_attempts (outbox_id, started_at) VALUES (?, ?)').run(id, now);
    })();
  }

  /**
   * One part of a long reply went out (of `parts`, as the modem split it): a retry will start after
   * it. Not durable on its own: the reply's next state change (sent, retry, given up) is a
   * synchronous commit that flushes it, and a crash before that leaves the row 'sending', which is
   * never resent anyway. The part count is written with the reference, so a status report that
   * matches the reference always finds it.
   */
  markPartSent(id: number, mr: number, parts: number): void {
    relaxedWrite(this.db, () =>
      stmt(this.db, "UPDATE outbox SET parts_sent = parts_sent + 1, parts_total = ?, message_refs = CASE WHEN message_refs IS NULL OR message_refs = '' THEN ? ELSE message_refs || ',' || ? END WHERE id = ?")
        .run(parts, String(mr), String(mr), id),
    );
  }

  markSent(id: number): void {
    const now = nowIso();
    this.db.transaction(() => {
      stmt(this.db, "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?").run(now, id);
      const refs = (stmt(this.db, 'SELECT message_refs FROM outbox WHERE id = ?').get(id) as { message_refs: string | null }).message_refs;
      this.finishAttempt(id, now, refs, null);
    })();
  }

  /** The modem took the PDU but never confirmed it: it may have gone out, so it is not sent again. */
  markUncertain(id: number, error: string): void {
    this.db.transaction(() => {
      stmt(this.db, "UPDATE outbox SET state = 'uncertain', last_error = ? WHERE id = ?").run(error, id);
      this.finishAttempt(id, nowIso(), null, error);
    })();
  }

  retryLater(id: number, error: string, nextAttemptAt: string): void {
    this.db.transaction(() => {
      stmt(this.db, "UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?").run(error, nextAttemptAt, id);
      this.finishAttempt(id, nowIso(), null, error);
    })();
  }

  /** The attempts of one reply, oldest first. */
  attempts(id: number): Array<{ started_at: string; finished_at: string | null; message_refs: string | null; error: string | null }> {
    return stmt(this.db, 'SELECT started_at, finished_at, message_refs, error FROM outbox_attempts WHERE outbox_id = ? ORDER BY id').all(id) as never;
  }

  private finishAttempt(id: number, at: string, refs: string | null, error: string | null): void {
    stmt(this.db, 'UPDATE outbox_attempts SET finished_at = ?, message_refs = ?, error = ? WHERE id = (SELECT MAX(id) FROM outbox_attempts WHERE outbox_id = ? AND finished_at IS NULL)')
      .run(at, refs, error, id);
  }

  /** Never to be sent: a limit refused it before any attempt. Kept as which limit, not as a message. */
  refuse(id: number, limit: SendLimit): void {
    stmt(this.db, "UPDATE outbox SET state = 'failed', refused_by = ?, last_error = NULL WHERE id = ?").run(limit, id);
  }

  /**
   * A status report for a reply we sent: matched by recipient and message reference to the newest
   * reply (sent within the last week) that carried that reference — whatever its state, as the
   * report of a first part can come while the next part is still being sent. A reply of several parts is
   * delivered once every part is; one failed part fails it, and the report's status in words is kept
   * as its last error. Null when no reply matches.
   */
  recordDelivery(report: DeliveryReport, countryCode: string | null, now = new Date()): DeliveryUpdate | null {
    const since = new Date(now.getTime() - REPORT_WINDOW_MS).toISOString();
    return this.db.transaction(() => {
      // A row that carries a reference has its part count: markPartSent writes both, and the
      // migration that added the count gave it to every row that had sent a part before.
      const row = stmt(this.db, `SELECT id, command_id, recipient, parts_total, message_refs, delivered_refs, delivery, last_error FROM outbox
        WHERE recipient_key = ? AND sent_at > ? AND (',' || message_refs || ',') LIKE ?
        ORDER BY id DESC LIMIT 1`).get(canonicalNumber(report.recipient, countryCode), since, `%,${report.reference},%`) as
        | { id: number; command_id: number | null; recipient: string; parts_total: number; message_refs: string; delivered_refs: string | null; delivery: DeliveryState | null; last_error: string | null }
        | undefined;
      if (!row) return null;
      const refs = row.message_refs.split(',');
      const delivered = new Set(row.delivered_refs ? row.delivered_refs.split(',') : []);
      if (report.delivery === 'delivered') delivered.add(String(report.reference));
      // Every part the reply has, not only those sent so far: a report can beat the next part's send.
      const allSent = refs.length >= row.parts_total;
      const state: DeliveryState =
        row.delivery === 'failed' || report.delivery === 'failed' ? 'failed' : allSent && refs.every((ref) => delivered.has(ref)) ? 'delivered' : 'pending';
      // The first failure says why; a later report of another part does not overwrite it.
      const why = report.delivery === 'failed' && row.delivery !== 'failed' ? (report.statusText ?? 'the network reported it undeliverable') : null;
      stmt(this.db, 'UPDATE outbox SET delivery = ?, delivered_refs = ?, delivery_at = ?, last_error = COALESCE(?, last_error) WHERE id = ?')
        .run(state, [...delivered].join(',') || null, now.toISOString(), why, row.id);
      return { outboxId: row.id, commandId: row.command_id, recipient: row.recipient, delivery: state, reason: state === 'failed' ? (why ?? row.last_error) : null };
    })();
  }

  /** The replies of these commands (each is answered once, so one reply at most each). */
  ofCommands(commandIds: number[]): OutboxRow[] {
    if (commandIds.length === 0) return [];
    return this.db.prepare(`SELECT * FROM outbox WHERE command_id IN (${commandIds.map(() => '?').join(',')})`).all(...commandIds) as OutboxRow[];
  }

  /** No more attempts after a failed one (its error recorded). */
  giveUp(id: number, error: string): void {
    this.db.transaction(() => {
      stmt(this.db, "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?").run(error, id);
      this.finishAttempt(id, nowIso(), null, error);
    })();
  }

  /**
   * Rows left 'sending' by a crash may or may not have gone out: marked uncertain, never resent
   * (a duplicate reply costs money and confuses), unless the owner chose at-least-once.
   */
  recoverInterrupted(atLeastOnce: boolean): number {
    const next = atLeastOnce ? "'pending'" : "'uncertain'";
    return this.db.transaction(() => {
      stmt(this.db, "UPDATE outbox_attempts SET finished_at = ?, error = 'interrupted by a restart' WHERE finished_at IS NULL").run(nowIso());
      return stmt(this.db, `UPDATE outbox SET state = ${next}, last_error = 'interrupted by a restart' WHERE state = 'sending'`).run().changes;
    })();
  }

  /**
   * SMS that were not commands forwarded on a line since `since`, each counted once whatever the
   * number of Notify members it went to: what the forwarding limit counts.
   */
  forwardedSince(line: string, since: string): number {
    return (stmt(this.db, 'SELECT COUNT(DISTINCT command_id) AS n FROM outbox WHERE line = ? AND forwarded = 1 AND created_at > ?').get(line, since) as { n: number }).n;
  }

  /** Replies waiting to go out, on one line or on all. */
  pendingCount(line: string | null = null): number {
    return (stmt(this.db, "SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'sending') AND (? IS NULL OR line = ?)").get(line, line) as { n: number }).n;
  }

  get(id: number): OutboxRow | undefined {
    return stmt(this.db, 'SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
  }
}
