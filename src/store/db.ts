import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (or creates) the store. WAL with synchronous=FULL: a committed row survives a power cut,
 * which is the whole point of committing an SMS before deleting it from the SIM.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoints move WAL pages into the database file; run in a commit, they put a spike on the
  // command path. The scheduler checkpoints every minute; this is only the backstop.
  db.pragma('wal_autocheckpoint = 10000');
  migrate(db);
  return db;
}

/**
 * A write that need not be durable on its own (a progress marker): committed without waiting for
 * the disk, it becomes durable with the next synchronous commit, which in WAL mode flushes it too.
 */
export function relaxedWrite<T>(db: Db, write: () => T): T {
  const before = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    // Restored, not forced to FULL: a relaxed write inside another relaxed scope stays relaxed.
    db.pragma(`synchronous = ${before}`);
  }
}

/** Moves committed WAL pages into the database file without blocking writers (scheduler, idle time). */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database is from a newer gsmkeeper (schema ${current}, this build knows ${MIGRATIONS.length})`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection: preparing costs more than most queries here. */
export function stmt(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

export function nowIso(): string {
  return new Date().toISOString();
}
