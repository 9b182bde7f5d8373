import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export class DataDirBusyError extends Error {
  override readonly name = 'DataDirBusyError';
}

/**
 * One owner per data dir: a running daemon holds an exclusive SQLite lock on `daemon.lock` there,
 * so a second daemon (two would answer every SMS twice and could dial a card twice) or a restore
 * is refused. The operating system drops the lock when the process ends, however it ends, so a
 * crash leaves nothing stale behind.
 */
export class DataDirLock {
  private constructor(private readonly db: Database.Database) {}

  static acquire(dataDir: string): DataDirLock {
    fs.mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, 'daemon.lock'), { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      // Never committed: the open transaction is the lock, held until close().
      db.exec('BEGIN EXCLUSIVE');
      return new DataDirLock(db);
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirBusyError(`a gsmkeeper daemon is running on ${dataDir}`);
      throw err;
    }
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
