import { nowIso, relaxedWrite, stmt, type Db } from './db.js';
import type { OutboxStore } from './outbox.js';

export type CommandSource = 'sms' | 'http';
export type CommandState = 'received' | 'executing' | 'answered' | 'dropped';

export interface CommandRow {
  id: number;
  source: CommandSource;
  inbox_id: number | null;
  sender: string;
  text: string;
  state: CommandState;
  name: string | null;
  drop_reason: string | null;
  reply: string | null;
  reply_to: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface IncomingSms {
  sender: string;
  sentAt: string | null;
  text: string;
  pdu: string | null;
  /** Concatenation reference of a reassembled message. */
  reference?: number;
}

/** Where a reply SMS goes, committed in the same transaction as the command's answer. */
export interface OutgoingSms {
  recipient: string;
  text: string;
}

/**
 * The command pipeline (received → executing → answered | dropped) as rows, so a restart resumes
 * where it stopped. An SMS and its command are written in one transaction.
 */
export class CommandStore {
  constructor(private readonly db: Db, private readonly outbox: OutboxStore) {}

  /** Commits an incoming SMS and its command; a duplicate of a stored SMS returns null. */
  recordSms(sms: IncomingSms): CommandRow | null {
    const key = `${sms.sender}|${sms.sentAt ?? ''}|${sms.reference ?? ''}|${sms.text}`;
    return this.db.transaction(() => {
      const inserted = stmt(this.db, 'INSERT INTO inbox (received_at, sender, sent_at, text, pdu, dedupe_key) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING')
        .run(nowIso(), sms.sender, sms.sentAt, sms.text, sms.pdu, key);
      if (inserted.changes === 0) return null;
      return this.insert('sms', sms.sender, sms.text, Number(inserted.lastInsertRowid));
    })();
  }

  /** An HTTP command; with an idempotency key, a repeat returns the first command instead (null if new). */
  recordHttp(client: string, text: string, idempotencyKey: string | null = null): { row: CommandRow; repeat: boolean } {
    // Not durable on its own: nothing was promised to the client yet, and the answer's commit
    // (synchronous) flushes this row with it. A crash before that loses a request nobody got a reply to.
    return relaxedWrite(this.db, () => this.recordHttpNow(client, text, idempotencyKey));
  }

  private recordHttpNow(client: string, text: string, idempotencyKey: string | null): { row: CommandRow; repeat: boolean } {
    return this.db.transaction(() => {
      if (idempotencyKey) {
        const existing = stmt(this.db, 'SELECT * FROM commands WHERE idempotency_key = ?').get(idempotencyKey) as CommandRow | undefined;
        if (existing) return { row: existing, repeat: true };
      }
      const row = this.insert('http', client, text, null);
      if (idempotencyKey) stmt(this.db, 'UPDATE commands SET idempotency_key = ? WHERE id = ?').run(idempotencyKey, row.id);
      return { row, repeat: false };
    })();
  }

  private insert(source: CommandSource, sender: string, text: string, inboxId: number | null): CommandRow {
    const result = stmt(this.db, "INSERT INTO commands (source, inbox_id, sender, text, state, created_at) VALUES (?, ?, ?, ?, 'received', ?)")
      .run(source, inboxId, sender, text, nowIso());
    return this.get(Number(result.lastInsertRowid))!;
  }

  get(id: number): CommandRow | undefined {
    return stmt(this.db, 'SELECT * FROM commands WHERE id = ?').get(id) as CommandRow | undefined;
  }

  /**
   * A progress marker: a restart re-runs 'received' and 'executing' commands alike (money is
   * guarded by the recharge row), so this write rides on the next durable commit.
   */
  markExecuting(id: number, name: string): void {
    relaxedWrite(this.db, () => stmt(this.db, "UPDATE commands SET state = 'executing', name = ? WHERE id = ? AND state IN ('received', 'executing')").run(name, id));
  }

  /**
   * Answers a command and queues its reply SMS (if any) atomically: a crash leaves both or neither.
   * A command is answered once: false (and no reply queued) when it was answered or dropped already.
   */
  answer(id: number, reply: string | null, sms: OutgoingSms | null): boolean {
    return this.db.transaction(() => {
      const now = nowIso();
      const changed = stmt(this.db, "UPDATE commands SET state = 'answered', reply = ?, reply_to = ?, finished_at = ? WHERE id = ? AND state IN ('received', 'executing')")
        .run(reply, sms?.recipient ?? null, now, id).changes;
      if (changed === 0) return false;
      if (sms) this.outbox.enqueue(sms.recipient, sms.text, id);
      return true;
    })();
  }

  drop(id: number, reason: string): void {
    stmt(this.db, "UPDATE commands SET state = 'dropped', drop_reason = ?, finished_at = ? WHERE id = ?").run(reason, nowIso(), id);
  }

  /** Commands a previous run did not finish, oldest first. */
  unfinished(): CommandRow[] {
    return stmt(this.db, "SELECT * FROM commands WHERE state IN ('received', 'executing') ORDER BY id").all() as CommandRow[];
  }

  /** The newest commands first, for the panel's message log. */
  recent(limit: number): CommandRow[] {
    return stmt(this.db, 'SELECT * FROM commands ORDER BY id DESC LIMIT ?').all(limit) as CommandRow[];
  }
}
