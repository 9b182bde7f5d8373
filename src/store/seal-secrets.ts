import type Database from 'better-sqlite3';
import { redactCommandText } from '../log/secrets.js';
import type { AtRest } from './at-rest.js';

/**
 * Nothing secret at rest: command texts keep the password hidden and codes masked, a command not
 * yet run keeps its text sealed until it is answered, message parts are sealed, a PDU is kept
 * (sealed) only when nothing could be decoded from it, the duplicate-SMS key and a password set by
 * PWD are keyed hashes.
 */
export function sealSecrets(db: Database.Database, atRest: AtRest): { rewriteFile: boolean } {
  db.exec(`
    ALTER TABLE commands ADD COLUMN sealed TEXT;
    ALTER TABLE inbox ADD COLUMN pdu_sealed TEXT;
    CREATE TABLE sms_parts_sealed (
      id INTEGER PRIMARY KEY,
      sender TEXT NOT NULL,
      ref INTEGER NOT NULL,
      total INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      text_sealed TEXT NOT NULL,
      sent_at TEXT,
      received_at TEXT NOT NULL,
      UNIQUE (sender, ref, total, seq)
    );
  `);
  const commands = db.prepare('SELECT id, text, state FROM commands').all() as Array<{ id: number; text: string; state: string }>;
  const updateCommand = db.prepare('UPDATE commands SET text = ?, sealed = ? WHERE id = ?');
  for (const row of commands) {
    const unfinished = row.state === 'received' || row.state === 'executing';
    updateCommand.run(redactCommandText(row.text), unfinished ? atRest.seal(row.text) : null, row.id);
  }
  const inbox = db.prepare('SELECT id, text, pdu, dedupe_key FROM inbox').all() as Array<{ id: number; text: string; pdu: string | null; dedupe_key: string }>;
  const updateInbox = db.prepare('UPDATE inbox SET text = ?, pdu = NULL, pdu_sealed = ?, dedupe_key = ? WHERE id = ?');
  for (const row of inbox) {
    const keepPdu = row.text === '' && row.pdu !== null;
    updateInbox.run(redactCommandText(row.text), keepPdu ? atRest.seal(row.pdu!) : null, atRest.digest('dedupe', row.dedupe_key), row.id);
  }
  const parts = db.prepare('SELECT sender, ref, total, seq, text, sent_at, received_at FROM sms_parts').all() as Array<Record<string, unknown> & { text: string }>;
  const insertPart = db.prepare('INSERT INTO sms_parts_sealed (sender, ref, total, seq, text_sealed, sent_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const part of parts) insertPart.run(part.sender, part.ref, part.total, part.seq, atRest.seal(part.text), part.sent_at, part.received_at);
  db.exec('DROP TABLE sms_parts; ALTER TABLE sms_parts_sealed RENAME TO sms_parts;');
  const password = db.prepare("SELECT value FROM settings WHERE key = 'password'").get() as { value: string } | undefined;
  if (password) {
    db.prepare("INSERT INTO settings (key, value) VALUES ('password.digest', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify(atRest.digest('password', JSON.parse(password.value) as string)));
    db.prepare("DELETE FROM settings WHERE key = 'password'").run();
  }
  return { rewriteFile: true };
}
