import { stmt, type Db } from './db.js';

export interface PruneCounts {
  outbox: number;
  commands: number;
  inbox: number;
  strikes: number;
}

/**
 * Deletes finished history older than `before` (ISO), children first. Money records (recharges,
 * balances) are never pruned here: they are the box's ledger.
 */
export function pruneHistory(db: Db, before: string, strikesBefore: string): PruneCounts {
  return db.transaction(() => {
    const outbox = stmt(db, "DELETE FROM outbox WHERE state IN ('sent', 'failed', 'uncertain') AND created_at < ?").run(before).changes;
    const commands = db
      .prepare("DELETE FROM commands WHERE state IN ('answered', 'dropped') AND created_at < ? AND id NOT IN (SELECT command_id FROM outbox WHERE command_id IS NOT NULL) AND id NOT IN (SELECT command_id FROM recharges WHERE command_id IS NOT NULL)")
      .run(before).changes;
    const inbox = stmt(db, 'DELETE FROM inbox WHERE received_at < ? AND id NOT IN (SELECT inbox_id FROM commands WHERE inbox_id IS NOT NULL)').run(before).changes;
    const strikes = stmt(db, 'DELETE FROM sender_strikes WHERE at < ?').run(strikesBefore).changes;
    stmt(db, 'DELETE FROM sender_lockouts WHERE until < ?').run(strikesBefore);
    return { outbox, commands, inbox, strikes };
  })();
}
