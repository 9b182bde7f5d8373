import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPrivate, makePrivate, PRIVATE_DIR_MODE } from '../util/private-files.js';
import type { AtRest } from './at-rest.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (or creates) the store. WAL with synchronous=FULL: a committed row survives a power cut,
 * which is the whole point of committing an SMS before deleting it from the SIM. The file is made
 * readable by its owner only before SQLite opens it, and SQLite gives its -wal and -shm files the
 * database file's mode; ones left by an older version are tightened here.
 */
export function openDatabase(file: string, atRest: AtRest): Db {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    createPrivate(file);
    makePrivate(`${file}-wal`);
    makePrivate(`${file}-shm`);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoints move WAL pages into the database file; run in a commit, they put a spike on the
  // command path. The scheduler checkpoints every minute; this is only the backstop.
  db.pragma('wal_autocheckpoint = 10000');
  migrate(db, atRest);
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

/**
 * Applies the schema steps the database lacks, up to `target` (all of them, unless a database is
 * to be left as an older version would have: how the steps after it are tried).
 */
export function migrate(db: Db, atRest: AtRest, target = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database is from a newer gsmkeeper (schema ${current}, this build knows ${MIGRATIONS.length})`);
  }
  let rewrite = false;
  for (let version = current; version < Math.min(target, MIGRATIONS.length); version++) {
    const migration = MIGRATIONS[version]!;
    const rebuild = typeof migration === 'object';
    const step = rebuild ? migration.rebuild : migration;
    // A table others refer to is rebuilt with foreign keys off (they cannot be switched inside a
    // transaction), and every reference is checked before the rebuild commits.
    if (rebuild) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        if (typeof step === 'string') db.exec(step);
        else rewrite = step(db, atRest)?.rewriteFile === true || rewrite;
        if (rebuild) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`schema step ${version + 1} would leave ${broken.length} broken reference(s)`);
        }
        db.pragma(`user_version = ${version + 1}`);
      })();
    } finally {
      if (rebuild) db.pragma('foreign_keys = ON');
    }
  }
  if (rewrite && current > 0) forgetOldPages(db);
}

/**
 * After a migration replaced what must not be kept (plain codes, passwords): the old bytes are
 * still in free pages and in the WAL. The WAL is emptied into the file, the file rebuilt without
 * free pages, and the WAL emptied again.
 */
function forgetOldPages(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
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
