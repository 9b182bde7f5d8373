import fs from 'node:fs';
import path from 'node:path';
import { BackupError, isSealed, packBackup, unpackBackup } from '../backup/container.js';
import { collectDataDir, restoreDataDir, type StoreSummary } from '../backup/data-dir.js';
import { VERSION } from '../util/version.js';
import { canConfirm, readSecret } from './prompt.js';
import { configFile, configFromFlags, holdDataDir, prepareDataDir, type RunFlags } from './run.js';
import { UsageError } from './usage-error.js';

type BackupFlags = Pick<RunFlags, 'config' | 'dataDir'> & { seal?: boolean; force?: boolean };

/** Larger than any box's store; a file beyond it is not read into memory at all. */
const MAX_BACKUP_BYTES = 1024 ** 3;
const MIN_PASSPHRASE = 8;

async function newPassphrase(): Promise<string> {
  const passphrase = await readSecret('Passphrase for the backup: ');
  if (passphrase.length < MIN_PASSPHRASE) throw new UsageError(`a passphrase of at least ${MIN_PASSPHRASE} characters, please`);
  if (canConfirm() && (await readSecret('The same again: ')) !== passphrase) throw new UsageError('the two passphrases differ: nothing written');
  return passphrase;
}

function describeStore(store: StoreSummary): string {
  const cards = store.cards === 0 ? 'no wallet cards' : store.cardsOpened === store.cards ? `${store.cards} wallet card(s), every PIN opens with its key` : `${store.cards} wallet card(s), ${store.cards - store.cardsOpened} of them NOT opened by its key`;
  return `the store (${Math.ceil(store.bytes / 1024)} KiB, ${cards})`;
}

/** Backup errors are the operator's to act on: one line (about `file`, when given), exit code 2. */
async function plainly<T>(file: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BackupError) throw new UsageError(file ? `${file}: ${err.message}` : err.message);
    throw err;
  }
}

/** `gsmkeeper backup <file>`: the data dir in one file, while the daemon runs if it does. */
export async function backupCommand(file: string, flags: BackupFlags): Promise<void> {
  const config = configFromFlags(flags);
  if (fs.existsSync(file) && !flags.force) throw new UsageError(`${file} already exists: add --force to overwrite`);
  const passphrase = flags.seal ? await newPassphrase() : undefined;
  const { entries, store } = await plainly(null, () => collectDataDir(config.dataDir, configFile(flags.config)));
  const packed = packBackup(entries, { gsmkeeper: VERSION, ...(passphrase !== undefined ? { passphrase } : {}) });
  const staging = `${file}.partial-${process.pid}`;
  fs.writeFileSync(staging, packed, { mode: 0o600 });
  fs.renameSync(staging, file);
  const held = Object.keys(entries).filter((name) => name !== 'gsmkeeper.db');
  console.log(`Backup of ${config.dataDir} written to ${file}: ${describeStore(store)}, ${held.join(', ')}.`);
  console.log(passphrase !== undefined ? 'Sealed with the passphrase: without it the file cannot be restored.' : 'Not sealed: it holds the install key, so keep it as safe as the box itself (or use --seal).');
}

/** `gsmkeeper restore <file>`: a backup back into a data dir no daemon is running on. */
export async function restoreCommand(file: string, flags: Omit<BackupFlags, 'seal'>): Promise<void> {
  // --config names where the backup's config file goes; it is read only if it is already there.
  const config = configFromFlags({ ...flags, config: flags.config && fs.existsSync(flags.config) ? flags.config : undefined });
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (size > MAX_BACKUP_BYTES) throw new UsageError(`${file} is too large to be a gsmkeeper backup`);
  const packed = fs.readFileSync(file);
  const sealed = await plainly(file, async () => isSealed(packed));
  // A running daemon is refused before anyone types a passphrase; no daemon runs in a dir not made yet.
  let lock = fs.existsSync(config.dataDir) ? holdDataDir(config.dataDir, null) : null;
  try {
    const passphrase = sealed ? await readSecret('Passphrase of the backup: ') : undefined;
    const backup = await plainly(file, async () => unpackBackup(packed, passphrase));
    prepareDataDir(config.dataDir);
    lock ??= holdDataDir(config.dataDir, null);
    const configTarget = path.resolve(flags.config ?? 'gsmkeeper.yml');
    const { written, store } = await plainly(file, async () => restoreDataDir(backup.entries, config.dataDir, configTarget, flags.force === true));
    console.log(`Restored the backup of ${backup.createdAt} (gsmkeeper ${backup.gsmkeeper}): ${describeStore(store)}.`);
    console.log(`Written: ${written.join(', ')}.`);
  } finally {
    lock?.release();
  }
}
