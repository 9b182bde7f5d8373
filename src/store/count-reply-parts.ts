import type Database from 'better-sqlite3';
import { splitText } from '../codec/split.js';

/**
 * A reply keeps how many parts the modem split it into, so a status report need not split its text
 * again. Replies that sent a part before the column existed get the count their text splits into
 * now, as the modem split it then (an outbox text is kept as it is sent, never sealed); a reply not
 * yet sent gets it from the modem when its first part goes out.
 */
export function countReplyParts(db: Database.Database): void {
  db.exec('ALTER TABLE outbox ADD COLUMN parts_total INTEGER');
  const rows = db.prepare("SELECT id, text FROM outbox WHERE message_refs IS NOT NULL AND message_refs != ''").all() as Array<{ id: number; text: string }>;
  const update = db.prepare('UPDATE outbox SET parts_total = ? WHERE id = ?');
  for (const row of rows) update.run(splitText(row.text).parts.length, row.id);
}
