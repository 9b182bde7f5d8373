import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../store/migrations.js';
import { Sealer } from '../store/seal.js';
import { BackupError, type Entries } from './container.js';

export interface StoreSummary {
  /** Wallet cards, and how many of them the install key opens. */
  cards: number;
  cardsOpened: number;
  bytes: number;
}

/** A copy of a store is whole (SQLite's own integrity check) and from a schema this build knows. */
function checkStoreCopy(file: string, secret: string): StoreSummary {
  const db = new Database(file, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`the database is damaged: ${String(integrity)}`);
    const schema = db.pragma('user_version', { simple: true }) as number;
    if (schema > MIGRATIONS.length) throw new BackupError(`the database is from a newer gsmkeeper (schema ${schema}, this build knows ${MIGRATIONS.length})`);
    const hasWallet = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vouchers'").get() !== undefined;
    const sealed = hasWallet ? (db.prepare('SELECT pin_sealed FROM vouchers').all() as Array<{ pin_sealed: string }>) : [];
    const sealer = new Sealer(secret);
    let cardsOpened = 0;
    for (const { pin_sealed } of sealed) {
      try {
        sealer.open(pin_sealed);
        cardsOpened += 1;
      } catch {
        // Counted as not opened: the summary says how many the key does not open.
      }
    }
    return { cards: sealed.length, cardsOpened, bytes: fs.statSync(file).size };
  } finally {
    db.close();
  }
}

/**
 * A data dir as backup entries: the store through SQLite's online backup (a consistent copy while
 * the daemon keeps writing), the install key (without it the wallet's PINs cannot be opened), the
 * relay token and the config file when there are ones.
 */
export async function collectDataDir(dataDir: string, configFile: string | null): Promise<{ entries: Entries; store: StoreSummary }> {
  const dbFile = path.join(dataDir, 'gsmkeeper.db');
  if (!fs.existsSync(dbFile)) throw new BackupError(`there is no store in ${dataDir} (no gsmkeeper.db)`);
  const keyFile = path.join(dataDir, 'secret.key');
  if (!fs.existsSync(keyFile)) throw new BackupError(`there is no secret.key in ${dataDir}: without it the wallet's cards cannot be read`);
  const secretKey = fs.readFileSync(keyFile);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gsmkeeper-backup-'));
  try {
    const copy = path.join(scratch, 'gsmkeeper.db');
    const source = new Database(dbFile, { fileMustExist: true });
    try {
      await source.backup(copy);
    } finally {
      source.close();
    }
    const store = checkStoreCopy(copy, secretKey.toString('utf8').trim());
    const entries: Entries = { 'gsmkeeper.db': fs.readFileSync(copy), 'secret.key': secretKey };
    const tokenFile = path.join(dataDir, 'http-token');
    if (fs.existsSync(tokenFile)) entries['http-token'] = fs.readFileSync(tokenFile);
    if (configFile) entries['config.yml'] = fs.readFileSync(configFile);
    return { entries, store };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Writes a file by a rename, so a reader never sees half of it; mode 0600 (keys, tokens, money). */
function writeWhole(target: string, data: Buffer): void {
  const staging = `${target}.restoring-${process.pid}`;
  fs.writeFileSync(staging, data, { mode: 0o600 });
  fs.renameSync(staging, target);
}

/**
 * Puts a backup's entries in place: the store into `dataDir` (checked before it replaces anything,
 * and with the old store's WAL removed, which would otherwise be replayed into it), the key and
 * token beside it, the config file at `configTarget`. Nothing is overwritten unless `force`.
 */
export function restoreDataDir(entries: Entries, dataDir: string, configTarget: string, force: boolean): { written: string[]; store: StoreSummary } {
  const db = entries['gsmkeeper.db'];
  const secret = entries['secret.key'];
  if (!db || !secret) throw new BackupError(`the backup has no ${db ? 'secret.key' : 'gsmkeeper.db'}`);
  const targets: Array<[string, Buffer]> = [
    [path.join(dataDir, 'gsmkeeper.db'), db],
    [path.join(dataDir, 'secret.key'), secret],
  ];
  if (entries['http-token']) targets.push([path.join(dataDir, 'http-token'), entries['http-token']]);
  if (entries['config.yml']) targets.push([configTarget, entries['config.yml']]);
  const existing = targets.map(([target]) => target).filter((target) => fs.existsSync(target));
  if (existing.length && !force) throw new BackupError(`${existing.join(', ')} already there: add --force to overwrite`);

  const dbTarget = targets[0]![0];
  const staged = `${dbTarget}.restoring-${process.pid}`;
  fs.writeFileSync(staged, db, { mode: 0o600 });
  let store: StoreSummary;
  try {
    store = checkStoreCopy(staged, secret.toString('utf8').trim());
  } catch (err) {
    fs.rmSync(staged, { force: true });
    throw err;
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${dbTarget}${suffix}`, { force: true });
  fs.renameSync(staged, dbTarget);
  for (const [target, data] of targets.slice(1)) writeWhole(target, data);
  return { written: targets.map(([target]) => target), store };
}
