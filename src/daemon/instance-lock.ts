import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPrivate, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../util/private-files.js';
import { isAlive } from '../util/process.js';

/** Who holds a data dir, as a second daemon reports it. */
export interface LockOwner {
  pid: number;
  startedAt: string;
  modem: string | null;
  http: string | null;
}

export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

const LOCK_FILE = 'gsmkeeper.lock';
const OWNER_FILE = 'gsmkeeper.lock.json';

/**
 * One daemon per data dir. The lock is an exclusive SQLite transaction held open on a small file
 * of its own: the kernel lets go of it when the process ends, however it ends (SIGKILL and power
 * cuts included), so a crash leaves nothing to clean up and a restart may follow at once. Who holds
 * it is written next to it, for the message a second daemon gives.
 */
export class InstanceLock {
  private constructor(private readonly db: Database.Database, private readonly ownerFile: string, private owner: LockOwner) {}

  static acquire(dataDir: string, about: Pick<LockOwner, 'modem'>): InstanceLock {
    fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const file = path.join(dataDir, LOCK_FILE);
    const ownerFile = path.join(dataDir, OWNER_FILE);
    createPrivate(file);
    const db = new Database(file, { timeout: 0 });
    try {
      db.pragma('journal_mode = MEMORY');
      db.exec('BEGIN EXCLUSIVE');
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUseError(inUseMessage(dataDir, readOwner(ownerFile)));
      throw err;
    }
    const lock = new InstanceLock(db, ownerFile, { pid: process.pid, startedAt: new Date().toISOString(), modem: about.modem, http: null });
    lock.write();
    return lock;
  }

  /** Adds what is known once the daemon is up (its HTTP address). */
  update(change: Partial<Pick<LockOwner, 'http' | 'modem'>>): void {
    this.owner = { ...this.owner, ...change };
    this.write();
  }

  release(): void {
    if (!this.db.open) return;
    if (readOwner(this.ownerFile)?.pid === process.pid) fs.rmSync(this.ownerFile, { force: true });
    this.db.close();
  }

  private write(): void {
    const temporary = `${this.ownerFile}.${process.pid}`;
    fs.writeFileSync(temporary, `${JSON.stringify(this.owner)}\n`, { mode: PRIVATE_FILE_MODE });
    fs.renameSync(temporary, this.ownerFile);
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

function inUseMessage(dataDir: string, owner: LockOwner | null): string {
  // A file left by an owner that died names nobody: the new holder has not written its own yet.
  const who = owner && isAlive(owner.pid)
    ? `PID ${owner.pid}, started ${owner.startedAt}, modem ${owner.modem ?? 'unknown'}, HTTP ${owner.http ?? 'not listening (yet)'}`
    : 'it is starting and has not said who it is yet';
  return `the data dir ${dataDir} is in use by another gsmkeeper (${who}); stop it first, or give this one another --data-dir`;
}
