import type { AtRest } from './at-rest.js';
import { nowIso, stmt, type Db } from './db.js';
import type { CommandRow, CommandStore } from './commands.js';

export interface PartInput {
  /** The line the part arrived on: parts are only ever joined with parts of the same line. */
  line: string;
  sender: string;
  ref: number;
  total: number;
  seq: number;
  text: string;
  sentAt: string | null;
}

/** Marks where a part never arrived, in a message handed on incomplete. */
export const GAP = '[…]';

interface PartRow {
  line: string;
  sender: string;
  ref: number;
  total: number;
  seq: number;
  text_sealed: string;
  sent_at: string | null;
  received_at: string;
}

/**
 * Concatenated SMS reassembly, keyed on (sender, reference, total) — never the reference alone.
 * Parts are committed as they come (so the SIM can let go of them), their text sealed under the
 * install key (a part may hold the password or a code, and cannot be masked before the message is
 * whole); the whole message becomes one command in the same transaction that consumes its parts.
 */
export class PartStore {
  constructor(private readonly db: Db, private readonly commands: CommandStore, private readonly atRest: AtRest) {}

  /** Stores a part; returns the command when this part completed its message (null otherwise, or for a duplicate). */
  add(part: PartInput): CommandRow | null {
    return this.db.transaction(() => {
      stmt(this.db, 'INSERT INTO sms_parts (line, sender, ref, total, seq, text_sealed, sent_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
        .run(part.line, part.sender, part.ref, part.total, part.seq, this.atRest.seal(part.text), part.sentAt, nowIso());
      const parts = this.partsOf(part.line, part.sender, part.ref, part.total);
      if (parts.length < part.total) return null;
      return this.assemble(parts);
    })();
  }

  /** A line's messages whose first part is older than `before`: handed on with their gaps marked. */
  expire(line: string, before: string): CommandRow[] {
    return this.db.transaction(() => {
      const stale = stmt(this.db, 'SELECT sender, ref, total FROM sms_parts WHERE line = ? GROUP BY sender, ref, total HAVING MIN(received_at) < ?').all(line, before) as Array<{ sender: string; ref: number; total: number }>;
      const rows: CommandRow[] = [];
      for (const key of stale) {
        const row = this.assemble(this.partsOf(line, key.sender, key.ref, key.total));
        if (row) rows.push(row);
      }
      return rows;
    })();
  }

  private partsOf(line: string, sender: string, ref: number, total: number): PartRow[] {
    return stmt(this.db, 'SELECT * FROM sms_parts WHERE line = ? AND sender = ? AND ref = ? AND total = ? ORDER BY seq').all(line, sender, ref, total) as PartRow[];
  }

  private assemble(parts: PartRow[]): CommandRow | null {
    const first = parts[0]!;
    // A part sealed under another install's key reads as a gap, like one that never came.
    const bySeq = new Map(parts.map((p) => [p.seq, this.atRest.open(p.text_sealed)]));
    const text = Array.from({ length: first.total }, (_, i) => bySeq.get(i + 1) ?? GAP).join('');
    stmt(this.db, 'DELETE FROM sms_parts WHERE line = ? AND sender = ? AND ref = ? AND total = ?').run(first.line, first.sender, first.ref, first.total);
    return this.commands.recordSms(first.line, { sender: first.sender, sentAt: first.sent_at, text, pdu: null, reference: first.ref });
  }
}
