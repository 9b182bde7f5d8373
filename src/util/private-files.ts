import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The data dir holds the database, the install key and the access token: readable by the user the
 * daemon runs as and nobody else, whatever the umask of whoever started it.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the folder (0700), or takes group and world access away from one that exists — unless
 * it is a shared folder like /tmp (sticky bit), which is not ours to close; false then.
 */
export function makePrivateDir(dir: string): boolean {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const mode = fs.statSync(dir).mode;
  if (mode & 0o1000) return false;
  if ((mode & 0o777) !== PRIVATE_DIR_MODE) fs.chmodSync(dir, PRIVATE_DIR_MODE);
  return true;
}

/** Takes group and world access away from a file that exists (0600); false when it does not. */
export function makePrivate(file: string): boolean {
  try {
    if ((fs.statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE) fs.chmodSync(file, PRIVATE_FILE_MODE);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/**
 * Creates an empty file readable by its owner only, or tightens the one that exists. An existing
 * file is never opened here: closing any descriptor of a file drops the POSIX locks this process
 * holds on it, SQLite's included.
 */
export function createPrivate(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  makePrivate(file);
}

/**
 * Reads a secret from a file of the data dir, creating it (0600) on first use; `created` says it
 * was made just now. A value shorter than 16 characters is replaced.
 */
export function readOrCreateSecret(dir: string, name: string, bytes = 24): { value: string; file: string; created: boolean } {
  const file = path.join(dir, name);
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 16) {
      makePrivate(file);
      return { value: existing, file, created: false };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const value = randomBytes(bytes).toString('hex');
  fs.writeFileSync(file, `${value}\n`, { mode: PRIVATE_FILE_MODE });
  makePrivate(file);
  return { value, file, created: true };
}
