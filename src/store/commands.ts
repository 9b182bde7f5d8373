import { redactCommandText } from '../log/secrets.js';
import type { AtRest } from './at-rest.js';
import type { Channel, RequestChannel } from './channel.js';
import { nowIso, relaxedWrite, stmt, type Db } from './db.js';
import type { OutboxStore } from './outbox.js';

export type CommandState = 'received' | 'executing' | 'answered' | 'dropped';

export interface CommandRow {
  id: number;
  channel: Channel;
  /** The line it arrived on (SMS) or was addressed to; null when it named none. */
  line: string | null;
  inbox_id: number | null;
  sender: string;
  /** As kept and shown: the password hidden, codes masked (see `runnableText` for the text itself). */
  text: string;
  /** The text as received, sealed under the install key until the command is answered or dropped. */
  sealed: string | null;
  state: CommandState;
  name: string | null;
  drop_reason: string | null;
  reply: string | null;
  reply_to: string | null;
  created_at: string;
  finished_at: string | null;
  /** The language a request asked its answer in; null: the sender's (a phone's LANG) or the box's. */
  lang: 'en' | 'bg' | null;
  /** 1: the channel vouched for the caller in place of the password (see `RequestOptions.vouched`). */
  vouched: 0 | 1;
}

/** How a request on a request channel is recorded. */
export interface RequestOptions {
  /** A repeat with the same key returns the first command instead. */
  idempotencyKey?: string | null;
  /** The line it is addressed to (null: none). */
  line?: string | null;
  /** The language its answer is asked in (null: the box's). */
  lang?: 'en' | 'bg' | null;
  /**
   * The channel vouched for the caller in place of the password (the settings page, on the HTTP
   * token): the text's password is a stand-in, let pass for this row alone.
   */
  vouched?: boolean;
}

/** What the message log may be narrowed to; each field exact. */
export interface CommandFilter {
  line?: string | undefined;
  channel?: Channel | undefined;
  sender?: string | undefined;
}

export interface IncomingSms {
  sender: string;
  sentAt: string | null;
  text: string;
  /** The raw PDU, only when nothing could be decoded from it: kept sealed, for whoever looks into it. */
  pdu: string | null;
  /** Concatenation reference of a reassembled message. */
  reference?: number;
}

/** Where a reply SMS goes, and on which line, committed in the same transaction as the command's answer. */
export interface OutgoingSms {
  line: string;
  recipient: string;
  text: string;
  /** The line's country calling code (see OutboxStore.enqueue). */
  countryCode: string | null;
}

/**
 * The command pipeline (received → executing → answered | dropped) as rows, so a restart resumes
 * where it stopped. An SMS and its command are written in one transaction.
 *
 * Nothing secret is kept in the clear: a text is stored with the password hidden and codes masked;
 * the text itself stays sealed under the install key only while the command may still run (a
 * restart runs it from there), and goes when the command is answered or dropped — the recharge
 * row then holds what money needs (a keyed hash of the code and its last 4 digits).
 */
export class CommandStore {
  constructor(private readonly db: Db, private readonly outbox: OutboxStore, private readonly atRest: AtRest) {}

  /** Commits an SMS a line received and its command; a duplicate of an SMS that line stored returns null. */
  recordSms(line: string, sms: IncomingSms): CommandRow | null {
    const key = this.atRest.digest('dedupe', `${sms.sender}|${sms.sentAt ?? ''}|${sms.reference ?? ''}|${sms.text}`);
    return this.db.transaction(() => {
      const inserted = stmt(this.db, 'INSERT INTO inbox (line, received_at, sender, sent_at, text, pdu_sealed, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (line, dedupe_key) DO NOTHING')
        .run(line, nowIso(), sms.sender, sms.sentAt, redactCommandText(sms.text), sms.pdu === null ? null : this.atRest.seal(sms.pdu), key);
      if (inserted.changes === 0) return null;
      return this.insert('sms', sms.sender, sms.text, Number(inserted.lastInsertRowid), line);
    })();
  }

  /**
   * A command asked for on a request channel (HTTP, MQTT) by `client`, addressed to a line (or to
   * none); with an idempotency key, a repeat returns the first command instead.
   */
  recordRequest(channel: RequestChannel, client: string, text: string, options: RequestOptions = {}): { row: CommandRow; repeat: boolean } {
    // Not durable on its own: nothing was promised to the client yet, and the answer's commit
    // (synchronous) flushes this row with it. A crash before that loses a request nobody got a reply to.
    return relaxedWrite(this.db, () => this.recordRequestNow(channel, client, text, options));
  }

  private recordRequestNow(channel: RequestChannel, client: string, text: string, { idempotencyKey = null, line = null, lang = null, vouched = false }: RequestOptions): { row: CommandRow; repeat: boolean } {
    return this.db.transaction(() => {
      if (idempotencyKey) {
        const existing = stmt(this.db, 'SELECT * FROM commands WHERE channel = ? AND idempotency_key = ?').get(channel, idempotencyKey) as CommandRow | undefined;
        if (existing) return { row: existing, repeat: true };
      }
      const row = this.insert(channel, client, text, null, line);
      if (!idempotencyKey && !lang && !vouched) return { row, repeat: false };
      const flag: CommandRow['vouched'] = vouched ? 1 : 0;
      stmt(this.db, 'UPDATE commands SET idempotency_key = ?, lang = ?, vouched = ? WHERE id = ?').run(idempotencyKey, lang, flag, row.id);
      return { row: { ...row, lang, vouched: flag }, repeat: false };
    })();
  }

  private insert(channel: Channel, sender: string, text: string, inboxId: number | null, line: string | null): CommandRow {
    const result = stmt(this.db, "INSERT INTO commands (channel, line, inbox_id, sender, text, sealed, state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'received', ?)")
      .run(channel, line, inboxId, sender, redactCommandText(text), this.atRest.seal(text), nowIso());
    return this.get(Number(result.lastInsertRowid))!;
  }

  get(id: number): CommandRow | undefined {
    return stmt(this.db, 'SELECT * FROM commands WHERE id = ?').get(id) as CommandRow | undefined;
  }

  /** The text as it was received, for running the command; null once it is finished (or sealed under another key). */
  runnableText(row: CommandRow): string | null {
    return row.sealed === null ? null : this.atRest.open(row.sealed);
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
      const changed = stmt(this.db, "UPDATE commands SET state = 'answered', sealed = NULL, reply = ?, reply_to = ?, finished_at = ? WHERE id = ? AND state IN ('received', 'executing')")
        .run(reply, sms?.recipient ?? null, now, id).changes;
      if (changed === 0) return false;
      if (sms) this.outbox.enqueue({ ...sms, commandId: id });
      return true;
    })();
  }

  /** Never to run, with why; `kind` names what it was instead of a command (a status report). */
  drop(id: number, reason: string, kind: string | null = null): void {
    stmt(this.db, "UPDATE commands SET state = 'dropped', sealed = NULL, drop_reason = ?, name = COALESCE(?, name), finished_at = ? WHERE id = ?").run(reason, kind, nowIso(), id);
  }

  /** Commands a previous run did not finish, oldest first. */
  unfinished(): CommandRow[] {
    return stmt(this.db, "SELECT * FROM commands WHERE state IN ('received', 'executing') ORDER BY id").all() as CommandRow[];
  }

  /** The newest commands first, for the panel's message log: of one line, channel or sender when asked. */
  recent(limit: number, filter: CommandFilter = {}): CommandRow[] {
    // Column names come from this fixed list, never from the filter's values.
    const given = (['line', 'channel', 'sender'] as const).filter((column) => filter[column] !== undefined);
    const where = given.map((column) => `${column} = ?`);
    const values = given.map((column) => filter[column]!);
    const sql = `SELECT * FROM commands${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return stmt(this.db, sql).all(...values, limit) as CommandRow[];
  }
}
